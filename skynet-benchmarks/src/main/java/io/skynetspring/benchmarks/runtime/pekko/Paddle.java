package io.skynetspring.benchmarks.runtime.pekko;

import io.skynetspring.benchmarks.runtime.Tally;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * One side of a ping-pong. The peer is set once by a {@link Peer} message so the ball itself is
 * the same bare Integer as every other runtime's.
 */
final class Paddle {

    record Peer(ActorRef<Object> ref) {
    }

    private Paddle() {
    }

    static Behavior<Object> create(Tally tally) {
        return Behaviors.receive(Object.class)
                .onMessage(Peer.class, peer -> playing(tally, peer.ref()))
                .build();
    }

    private static Behavior<Object> playing(Tally tally, ActorRef<Object> peer) {
        return Behaviors.receiveMessage(ball -> {
            if (!tally.hit()) {
                peer.tell(PAYLOAD);
            }
            return Behaviors.same();
        });
    }
}

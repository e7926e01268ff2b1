package io.skynetspring.benchmarks.runtime.pekko;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Replies with what it was asked: typed actors carry the reply address in the message. */
final class Echo {

    record Ping(Integer value, ActorRef<Integer> replyTo) {
    }

    private Echo() {
    }

    static Behavior<Ping> create() {
        return Behaviors.receiveMessage(ping -> {
            ping.replyTo().tell(ping.value());
            return Behaviors.same();
        });
    }
}

package io.skynetspring.benchmarks.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The Pekko echo actor and the messages that cross between the two JVMs (all {@link Message}, bound to
 * Jackson CBOR by {@link PekkoRemoting}). One instance serves the small workloads at {@code /user/echo},
 * another the 1 MiB one at {@code /user/big-echo}.
 */
final class PekkoEcho {

    /** Marker of every message that crosses JVMs. */
    interface Message {
    }

    /** What the echo actor accepts. */
    interface Command extends Message {
    }

    /** {@code ("echo", id, data)} with where to reply. */
    record Request(String command, long id, String data, ActorRef<Reply> replyTo) implements Command {
    }

    record Reply(long id, String data) implements Message {
    }

    record BigRequest(long id, byte[] data, ActorRef<BigReply> replyTo) implements Command {
    }

    record BigReply(long id, byte[] data) implements Message, PekkoBigCaller.Command {
    }

    /** How many requests this echo served since the last reset; resets if asked. */
    record CountServed(boolean reset, ActorRef<Served> replyTo) implements Command {
    }

    record Served(long count) implements Message {
    }

    private PekkoEcho() {
    }

    static Behavior<Command> create() {
        return Behaviors.setup(context -> {
            long[] served = {0};
            return Behaviors.receive(Command.class)
                    .onMessage(Request.class, r -> {
                        served[0]++;
                        r.replyTo().tell(new Reply(r.id(), r.data()));
                        return Behaviors.same();
                    })
                    .onMessage(BigRequest.class, r -> {
                        served[0]++;
                        r.replyTo().tell(new BigReply(r.id(), r.data()));
                        return Behaviors.same();
                    })
                    .onMessage(CountServed.class, c -> {
                        c.replyTo().tell(new Served(served[0]));
                        if (c.reset()) {
                            served[0] = 0;
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}

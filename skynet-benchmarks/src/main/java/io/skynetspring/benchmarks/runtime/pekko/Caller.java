package io.skynetspring.benchmarks.runtime.pekko;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * {@code Run(n, echo)}: n sequential {@code context.ask}s to echo, then replies with how many came
 * back. {@code context.ask} rather than a bare message exchange because, like skynet's
 * {@code ctx.call}, it correlates each reply and gives each request a deadline.
 */
final class Caller extends AbstractBehavior<Caller.Command> {

    interface Command {
    }

    record Run(int calls, ActorRef<Echo.Ping> echo, ActorRef<Long> replyTo) implements Command {
    }

    private record Replied(Integer value, Throwable error) implements Command {
    }

    private Run run;
    private int left;
    private long replies;

    private Caller(ActorContext<Command> context) {
        super(context);
    }

    static Behavior<Command> create() {
        return Behaviors.setup(Caller::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Run.class, this::onRun)
                .onMessage(Replied.class, this::onReplied)
                .build();
    }

    private Behavior<Command> onRun(Run run) {
        this.run = run;
        left = run.calls();
        replies = 0;
        ask();
        return this;
    }

    private Behavior<Command> onReplied(Replied replied) {
        if (replied.value() != null) {
            replies++;
        }
        if (--left > 0) {
            ask();
        } else {
            run.replyTo().tell(replies);
        }
        return this;
    }

    private void ask() {
        getContext().ask(Integer.class, run.echo(), PekkoContender.WAIT,
                replyTo -> new Echo.Ping(PAYLOAD, replyTo), Replied::new);
    }
}

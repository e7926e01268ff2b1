package io.skynetspring.benchmarks.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.time.Duration;

/**
 * The Pekko caller of the small workloads: once told {@code Start}, one {@code context.ask} to the
 * remote echo at a time (a reply correlated to its request, under a deadline, as skynet's call is),
 * until its {@link CallBook} stops calling.
 */
final class PekkoCaller extends AbstractBehavior<PekkoCaller.Command> {

    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(10);

    interface Command {
    }

    enum Start implements Command { START }

    enum Stop implements Command { STOP }

    private enum Next implements Command { NEXT }

    private record Replied(long id, long startNanos, PekkoEcho.Reply reply, Throwable error) implements Command {
    }

    private final ActorRef<PekkoEcho.Command> echo;
    private final CallBook book;
    private final String data;

    private PekkoCaller(ActorContext<Command> context, ActorRef<PekkoEcho.Command> echo, CallBook book, String data) {
        super(context);
        this.echo = echo;
        this.book = book;
        this.data = data;
    }

    static Behavior<Command> create(ActorRef<PekkoEcho.Command> echo, CallBook book, String data) {
        return Behaviors.setup(context -> new PekkoCaller(context, echo, book, data));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, s -> next())
                .onMessage(Stop.class, s -> Behaviors.stopped())
                .onMessage(Next.class, n -> next())
                .onMessage(Replied.class, this::onReplied)
                .build();
    }

    private Behavior<Command> next() {
        if (!book.calling()) {
            return this;
        }
        long id = book.issue();
        if (id < 0) {
            return this;
        }
        long start = System.nanoTime();
        getContext().ask(PekkoEcho.Reply.class, echo, DEADLINE,
                replyTo -> new PekkoEcho.Request("echo", id, data, replyTo),
                (reply, error) -> new Replied(id, start, reply, error));
        return this;
    }

    private Behavior<Command> onReplied(Replied r) {
        if (r.error() != null) {
            book.failed(r.id(), r.error());
            getContext().scheduleOnce(PAUSE_AFTER_ERROR, getContext().getSelf(), Next.NEXT);
            return this;
        }
        book.answered(r.id(), r.reply().id(), data.equals(r.reply().data()), System.nanoTime() - r.startNanos());
        return next();
    }
}

package io.skynetspring.benchmarks.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/**
 * The Pekko caller of the 1 MiB workload. Artery sends a message over its large-message stream when the
 * recipient's path is listed in {@code large-message-destinations}, and an ask's temporary reply actor
 * has no fixed path; so this actor (named {@code big-caller-N}, which is listed) is the reply address
 * itself and keeps the ask's bookkeeping: one request at a time, its id, and a deadline timer.
 */
final class PekkoBigCaller extends AbstractBehavior<PekkoBigCaller.Command> {

    interface Command {
    }

    enum Start implements Command { START }

    enum Stop implements Command { STOP }

    private record Deadline(long id) implements Command {
    }

    private final TimerScheduler<Command> timers;
    private final ActorRef<PekkoEcho.Command> echo;
    private final CallBook book;
    private final byte[] data;
    private long waitingFor = -1;
    private long startNanos;

    private PekkoBigCaller(ActorContext<Command> context, TimerScheduler<Command> timers,
                           ActorRef<PekkoEcho.Command> echo, CallBook book, byte[] data) {
        super(context);
        this.timers = timers;
        this.echo = echo;
        this.book = book;
        this.data = data;
    }

    static Behavior<Command> create(ActorRef<PekkoEcho.Command> echo, CallBook book, byte[] data) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new PekkoBigCaller(context, timers, echo, book, data)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, s -> next())
                .onMessage(Stop.class, s -> Behaviors.stopped())
                .onMessage(PekkoEcho.BigReply.class, this::onReply)
                .onMessage(Deadline.class, this::onDeadline)
                .build();
    }

    private Behavior<Command> next() {
        waitingFor = -1;
        if (!book.calling()) {
            return this;
        }
        long id = book.issue();
        if (id < 0) {
            return this;
        }
        waitingFor = id;
        startNanos = System.nanoTime();
        echo.tell(new PekkoEcho.BigRequest(id, data, getContext().getSelf().narrow()));
        timers.startSingleTimer("deadline", new Deadline(id), PekkoCaller.DEADLINE);
        return this;
    }

    private Behavior<Command> onReply(PekkoEcho.BigReply reply) {
        if (reply.id() != waitingFor) {
            book.late(reply.id());
            return this;
        }
        timers.cancel("deadline");
        book.answered(waitingFor, reply.id(), Arrays.equals(data, reply.data()), System.nanoTime() - startNanos);
        return next();
    }

    private Behavior<Command> onDeadline(Deadline d) {
        if (d.id() != waitingFor) {
            return this;
        }
        book.failed(d.id(), new TimeoutException("no reply in " + PekkoCaller.DEADLINE));
        return next();
    }
}

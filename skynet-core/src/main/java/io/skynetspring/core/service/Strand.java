package io.skynetspring.core.service;

import io.skynetspring.core.message.ServiceException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a sequential service's code (a request, a send, init, a forked task): skynet's
 * coroutine. It runs inline in its service's drain, on the virtual worker draining it. When it
 * waits in {@link #await(Mono)} its thread keeps the stack and lets the drain go: to a strand of
 * the service that is ready to go on, or back to the run queue, with the thread's worker slot given
 * to a spare thread. What it waits for marks it ready inside the service's drain, and the thread
 * draining then hands it the drain and its own slot: the strand goes on as the service's drain
 * and, once its handler returns, drains the service's next messages. So at most one piece of the
 * service's code runs at a time.
 */
final class Strand {

    /** Thrown on a strand that ended with its service, to unwind the drain frames under it untouched. */
    static final class End extends Error {
        static final End INSTANCE = new End();

        private End() {
            super("strand ended with its service", null, false, false);
        }
    }

    private static final int RUNNING = 0;
    private static final int WAITING = 1;
    private static final int RESUMED = 2;
    private static final int DONE = 3;
    /** How long a drain that ends a strand spins for it before it parks. */
    private static final int SPINS = 1 << 10;

    static final int REQUEST = 0;
    static final int INIT = 1;
    static final int TASK = 2;

    final ServiceCell cell;
    private final SequentialHandler owner;
    /** What it runs, for logs: the command, or "init" or "a forked task". */
    String what;
    private int kind;
    private Thread thread;
    private volatile int turn = RUNNING;
    /** The worker slot handed over with the drain. */
    private Workers.Slot given;
    /** For a strand ended with its service: the drain waiting for it to finish. */
    private Thread resumer;
    private boolean standIn;
    /** Whether it ever suspended: then it answers its request itself. */
    private boolean suspended;
    /** Queued in its service's list of strands ready to go on. */
    boolean ready;
    private Arrival waitingOn;
    /** Set when its service ends or its code may not wait: every await throws it from then on. */
    private String endedBy;

    /** The message its run started from, kept over suspensions (init's, a task's, a request). */
    Message origin;
    /** The request it answers; null for init and tasks. */
    Message message;
    Reply reply;
    /** Whether the handler took the reply over with response() or redirect(): then its return value is not the reply. */
    boolean handlerAsked;

    /** Links of the owner's list of suspended strands. */
    Strand prev;
    Strand next;
    boolean listed;

    Strand(SequentialHandler owner, String what, int kind) {
        this.owner = owner;
        this.cell = owner.cell;
        this.what = what;
        this.kind = kind;
    }

    /** One whose code may not wait: {@code await} throws {@code reason}. */
    Strand(SequentialHandler owner, String what, String reason) {
        this(owner, what, TASK);
        this.endedBy = reason;
    }

    /** The strand running in {@code cell}'s drain on this thread; fails naming the method when there is none. */
    static Strand running(ServiceCell cell, String method) {
        Strand s = Workers.draining() == cell ? cell.strand : null;
        if (s == null) {
            throw new IllegalStateException("ctx." + method + " called on thread '" + Thread.currentThread().getName()
                    + "', which is not a handler of service " + cell.address + " (" + cell.displayName() + "): "
                    + (cell.sequential ? "only the service's own handlers, init and forked tasks may suspend"
                    : "only a sequential service's handlers may suspend; start the template with "
                    + "@SkynetService(sequential = true) or ServiceTemplate.sequential(...), or chain on the Mono instead"));
        }
        return s;
    }

    /**
     * Makes a strand that finished ready for another run of its service (a handler that never waits
     * then allocates nothing for it). A late arrival from the earlier run finds it waiting on
     * something else and is ignored.
     */
    Strand reuse(String what, int kind) {
        this.what = what;
        this.kind = kind;
        thread = null;
        turn = RUNNING;
        given = null;
        resumer = null;
        standIn = false;
        suspended = false;
        ready = false;
        waitingOn = null;
        endedBy = null;
        origin = null;
        message = null;
        reply = null;
        handlerAsked = false;
        return this;
    }

    Thread thread() {
        return thread;
    }

    boolean hasSuspended() {
        return suspended;
    }

    // ---- running, in the drain ------------------------------------------------------------------

    /**
     * Runs {@code body} in the drain. When it never waited, its outcome is returned or thrown as a
     * plain handler's would be; when it did, a request has been answered here and null is returned,
     * init's outcome is returned or thrown, and a task's error logged.
     */
    Object run(Callable<?> body) throws Exception {
        Strand outer = cell.strand;
        cell.strand = this;
        Object r = null;
        Throwable e = null;
        try {
            r = body.call();
        } catch (Throwable t) {
            e = t;
        }
        cell.strand = outer;
        if (!suspended) {
            return outcome(r, e);
        }
        syncReply();
        owner.forget(this);
        if (standIn) {
            settle(r, e);
            Workers.release();
            Thread w = resumer;
            turn = DONE;
            LockSupport.unpark(w);
            throw End.INSTANCE;
        }
        if (kind == INIT) {
            return outcome(r, e);
        }
        settle(r, e);
        return null;
    }

    private static Object outcome(Object r, Throwable e) throws Exception {
        if (e == null) {
            return r;
        }
        if (e instanceof Exception ex) {
            throw ex;
        }
        throw (Error) e;
    }

    /** After a run that suspended: answers its request, or logs what went wrong. */
    private void settle(Object r, Throwable e) {
        if (kind == INIT) {
            return;
        }
        if (message == null) {
            if (e != null && endedBy == null) {
                cell.logTaskError(what, e);
            }
            return;
        }
        if (e != null) {
            if (endedBy == null) {
                cell.logHandlerError(message.command, message, e);
            }
            if (reply != null && !reply.answered()) {
                if (handlerAsked) {
                    reply.abandon(Node.reasonOf(e));
                } else {
                    reply.fail(e);
                }
            }
            return;
        }
        if (reply == null || handlerAsked || reply.answered()) {
            if (r != null) {
                cell.subscribeForSideEffects(message.command, r);
            }
        } else if (r instanceof Publisher<?> || r instanceof CompletionStage<?>) {
            cell.replyWhenDone(reply, message.command, r);
        } else {
            reply.reply(r);
        }
    }

    /** At the end of a segment: the handler may have asked for response() (or redirected) only now. */
    private void syncReply() {
        Reply now = cell.currentReply;
        if (!handlerAsked && now != null && now != reply) {
            handlerAsked = true;
            if (reply != null && reply.handOff()) {
                cell.removeOpen(reply);
            }
            reply = now;
        }
    }

    /** At the first suspension: the request it runs for, and its reply, which it answers when it ends. */
    private void takeRequest() {
        origin = cell.dispatching;
        Message m = cell.current;
        if (m == null || kind != REQUEST) {
            return;
        }
        message = m;
        Reply taken = cell.currentReply;
        if (taken != null) {
            handlerAsked = true;
            reply = taken;
        } else if (m.session != 0) {
            // the drain now sees the reply taken and sends nothing; this strand answers when it ends
            reply = (Reply) cell.response();
        }
    }

    // ---- suspending and resuming ------------------------------------------------------------------

    /** Lets the drain go until {@code on} has arrived and a drain hands it back. */
    private void suspendOn(Arrival on) {
        if (on.done || endedBy != null) {
            return;
        }
        Workers.Slot slot = Workers.held();
        if (slot == null || slot.holder != Thread.currentThread() || Thread.currentThread() instanceof reactor.core.scheduler.NonBlocking) {
            throw new IllegalStateException("service " + cell.address + " cannot wait here: its handler is not on a "
                    + "virtual worker");
        }
        if (!suspended) {
            suspended = true;
            takeRequest();
            owner.suspended(this);
        } else {
            syncReply();
        }
        waitingOn = on;
        thread = Thread.currentThread();
        turn = WAITING;
        if (cell.letGo(this, slot)) {
            // it arrived while this thread served nearby, and the drain stayed here
            waitingOn = null;
            turn = RUNNING;
            return;
        }
        while (turn == WAITING) {
            LockSupport.park(this);
        }
        Workers.Slot now = given;
        given = null;
        Workers.take(now);
        cell.resumed(this, now);
        waitingOn = null;
        if (!standIn) {
            turn = RUNNING;
        }
    }

    /** In the drain: whether it is waiting for {@code on}, so that it may be marked ready. */
    boolean waitsFor(Arrival on) {
        return waitingOn == on && turn == WAITING;
    }

    /** In the drain, on the thread handing it the drain and {@code slot}. */
    void resumeWith(Workers.Slot slot) {
        given = slot;
        turn = RESUMED;
        LockSupport.unpark(thread);
    }

    /**
     * In the drain, as its service ends: the strand wakes with {@code reason} thrown from its await
     * and runs to its end while the drain waits, standing in for it.
     */
    void end(String reason) {
        endedBy = reason;
        if (turn != WAITING) {
            return;
        }
        Message current = cell.current;
        Reply currentReply = cell.currentReply;
        Strand strand = cell.strand;
        Message dispatching = cell.dispatching;
        standIn = true;
        resumer = Thread.currentThread();
        resumeWith(Workers.held());
        for (int spins = 0; turn != DONE; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        cell.current = current;
        cell.currentReply = currentReply;
        cell.strand = strand;
        cell.dispatching = dispatching;
    }

    private void checkEnded() {
        if (endedBy != null) {
            throw new ServiceException(endedBy);
        }
    }

    <T> T await(Mono<T> mono) {
        checkEnded();
        Single<T> s = new Single<>(this);
        mono.subscribe(s);
        suspendOn(s);
        if (!s.done) {
            s.cancel();
            checkEnded();
        }
        return s.get();
    }

    <T> Iterable<T> each(Flux<T> flux) {
        checkEnded();
        return () -> new Each<>(this, flux);
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof Error err) {
            throw err;
        }
        return Exceptions.propagate(e);
    }

    /** Something a suspended strand waits for; marks it ready in its service's drain when it arrives. */
    abstract static class Arrival implements Runnable {
        final Strand strand;
        volatile boolean done;

        Arrival(Strand strand) {
            this.strand = strand;
        }

        final void arrive() {
            if (done) {
                return;
            }
            done = true;
            Strand s = strand;
            ServiceCell c = s.cell;
            if (Workers.draining() == c) {
                if (c.strand != s) {
                    c.markReady(s, this);
                }
                // else its own code is running: it arrived while subscribing, and await goes on
            } else {
                c.postTask(this);
            }
        }

        /** As a task in its service's drain, when it arrived on another thread. */
        @Override
        public final void run() {
            strand.cell.markReady(strand, this);
        }
    }

    /** One element (or the end) of an {@link Each}. */
    private static final class Step extends Arrival {
        Step(Strand strand) {
            super(strand);
        }
    }

    /** The outcome of one Mono. */
    private static final class Single<T> extends Arrival implements CoreSubscriber<T> {
        private T value;
        private Throwable error;
        private volatile Subscription subscription;

        Single(Strand strand) {
            super(strand);
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T t) {
            if (!done) {
                value = t;
                arrive();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!done) {
                error = t;
                arrive();
            }
        }

        @Override
        public void onComplete() {
            arrive();
        }

        void cancel() {
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        T get() {
            if (error != null) {
                throw rethrown(error);
            }
            return value;
        }
    }

    /** A Flux taken one element at a time, the strand suspending for each. */
    private static final class Each<T> implements Iterator<T>, CoreSubscriber<T> {
        private final Strand strand;
        private final Flux<T> flux;
        private Subscription subscription;
        private Arrival step;
        private T next;
        private boolean hasNext;
        private boolean complete;
        private Throwable error;

        Each(Strand strand, Flux<T> flux) {
            this.strand = strand;
            this.flux = flux;
        }

        @Override
        public boolean hasNext() {
            if (hasNext) {
                return true;
            }
            if (complete) {
                if (error != null) {
                    Throwable e = error;
                    error = null;
                    throw rethrown(e);
                }
                return false;
            }
            strand.checkEnded();
            Arrival s = new Step(strand);
            step = s;
            if (subscription == null) {
                flux.subscribe(this);
            } else {
                subscription.request(1);
            }
            strand.suspendOn(s);
            if (!s.done) {
                subscription.cancel();
                strand.checkEnded();
            }
            return hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = false;
            T t = next;
            next = null;
            return t;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(T t) {
            next = t;
            hasNext = true;
            step.arrive();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            complete = true;
            step.arrive();
        }

        @Override
        public void onComplete() {
            complete = true;
            step.arrive();
        }
    }
}

package io.skynetspring.core.service;

import io.skynetspring.core.message.ServiceException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.MDC;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a sequential service's code (a request, a send, init, a forked task) on a virtual
 * thread of its own: skynet's coroutine. The strand and its service's drain pass one baton: the
 * drain starts or resumes the strand and waits until it finishes or suspends in
 * {@link #await(Mono)}, so at most one piece of the service's code runs at a time, and while the
 * strand holds the baton it counts as the service's drain ({@link Workers#draining()}).
 *
 * <p>A suspended strand is resumed inside the drain: directly, when what it waits for completes
 * there (a reply, a timer, a wakeup), or by a task posted to the service's mailbox when it completes
 * on another thread.
 */
final class Strand implements Runnable {

    private static final ThreadLocal<Strand> RUNNING = new ThreadLocal<>();
    /** How long the drain spins for the baton before it parks: most segments are shorter. */
    private static final int SPINS = 1 << 11;

    private static final int DRAIN = 0;
    private static final int STRAND = 1;
    private static final int DONE = 2;

    final ServiceCell cell;
    private final SequentialHandler owner;
    private final Callable<?> body;
    /** What it runs, for logs: the command, or "init" or "a forked task". */
    final String what;
    private Thread thread;
    private volatile int turn = DRAIN;
    private volatile Thread waiter;
    private Object result;
    private Throwable error;
    /** What the strand is suspended on; only read by the drain while the strand is suspended. */
    private Arrival waitingOn;
    /** Set when its service ended while it was suspended: every await throws it from then on. */
    private String endedBy;

    /** The request it answers, kept over suspensions; null for init and tasks. */
    private Message message;
    private Reply reply;
    /** Whether the handler took the reply over with response() or redirect(): then its return value is not the reply. */
    private boolean handlerAsked;
    /** For init: completes when init does. */
    Sinks.One<Object> initDone;

    /** Links of the owner's list of suspended strands. */
    Strand prev;
    Strand next;
    boolean listed;

    Strand(SequentialHandler owner, Callable<?> body, String what) {
        this.owner = owner;
        this.cell = owner.cell;
        this.body = body;
        this.what = what;
    }

    /** The service whose drain the calling (non-worker) thread stands in for, or null. */
    static ServiceCell standingIn() {
        Strand s = RUNNING.get();
        return s != null && s.turn == STRAND ? s.cell : null;
    }

    /** The strand of {@code cell} running on this thread; fails naming the method when there is none. */
    static Strand running(ServiceCell cell, String method) {
        Strand s = RUNNING.get();
        if (s == null || s.cell != cell || s.turn != STRAND) {
            throw new IllegalStateException("ctx." + method + " called on thread '" + Thread.currentThread().getName()
                    + "', which is not a handler of service " + cell.address + " (" + cell.displayName() + "): "
                    + (cell.sequential ? "only the service's own handlers, init and forked tasks may suspend"
                    : "only a sequential service's handlers may suspend; start the template with "
                    + "@SkynetService(sequential = true) or ServiceTemplate.sequential(...), or chain on the Mono instead"));
        }
        return s;
    }

    // ---- the drain's side ---------------------------------------------------------------------

    /** On the drain: runs the first segment; true when the strand finished without suspending. */
    boolean start() {
        if (runUntilYield()) {
            return true;
        }
        Message m = cell.current;
        if (m != null && initDone == null) {
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
        owner.suspended(this);
        return false;
    }

    /** The outcome of a strand that finished in its first segment: its result, or its error thrown. */
    Object outcome() throws Exception {
        Throwable e = error;
        if (e == null) {
            return result;
        }
        if (e instanceof Exception ex) {
            throw ex;
        }
        throw (Error) e;
    }

    /** On the drain: resumes the strand if it still waits on {@code on}. */
    private void resume(Arrival on) {
        if (waitingOn == on && turn == DRAIN && thread != null) {
            runSegment();
        }
    }

    /** On the drain, as its service ends: the strand wakes with {@code reason} thrown from its await. */
    void end(String reason) {
        endedBy = reason;
        if (turn == DRAIN && thread != null) {
            runSegment();
        } else {
            owner.forget(this);
        }
    }

    private void runSegment() {
        Message savedMessage = cell.current;
        Reply savedReply = cell.currentReply;
        cell.current = message;
        cell.currentReply = handlerAsked ? reply : null;
        boolean done;
        try {
            done = runUntilYield();
            Reply now = cell.currentReply;
            if (!handlerAsked && now != null && now != reply) {
                // the handler asked for response() (or redirected) only now: the reply it got is the one
                handlerAsked = true;
                if (reply != null && reply.handOff()) {
                    cell.removeOpen(reply);
                }
                reply = now;
            }
        } finally {
            cell.current = savedMessage;
            cell.currentReply = savedReply;
        }
        if (done) {
            finished();
        }
    }

    private boolean runUntilYield() {
        waiter = Thread.currentThread();
        turn = STRAND;
        Thread t = thread;
        if (t == null) {
            thread = t = VirtualThreads.unstarted(this);
            t.start();
        } else {
            LockSupport.unpark(t);
        }
        int now;
        for (int spins = 0; (now = turn) == STRAND; spins++) {
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        return now == DONE;
    }

    /** On the drain, after a later segment ended the strand: answers, logs, or completes init. */
    private void finished() {
        owner.forget(this);
        Throwable e = error;
        if (initDone != null) {
            if (e != null) {
                initDone.tryEmitError(e);
            } else {
                initDone.tryEmitEmpty();
            }
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
        Object r = result;
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

    // ---- the strand's side --------------------------------------------------------------------

    @Override
    public void run() {
        RUNNING.set(this);
        // log lines of the handler carry the service, as on a worker
        MDC.put(ServiceCell.MDC_ADDRESS, cell.address.toString());
        MDC.put(ServiceCell.MDC_SERVICE, cell.templateName);
        try {
            result = body.call();
        } catch (Throwable t) {
            error = t;
        }
        handBack(DONE);
    }

    private void handBack(int to) {
        Thread w = waiter;
        turn = to;
        LockSupport.unpark(w);
    }

    /** Gives the baton back to the drain until {@code on} has arrived and the drain resumes this strand. */
    private void suspendOn(Arrival on) {
        waitingOn = on;
        if (!on.done && endedBy == null) {
            handBack(DRAIN);
            while (turn != STRAND) {
                LockSupport.park(this);
            }
        }
        waitingOn = null;
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

    /** Something a suspended strand waits for; resumes it when it arrives, inside its service. */
    abstract static class Arrival {
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
            if (Thread.currentThread() == s.thread) {
                return; // arrived while subscribing: await goes on without suspending
            }
            if (Workers.workerDraining() == s.cell) {
                s.resume(this);
            } else {
                s.cell.postTask(() -> s.resume(this));
            }
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

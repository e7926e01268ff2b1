package io.skynetspring.core.service;

import io.skynetspring.core.message.MailboxFullException;
import io.skynetspring.core.message.ServiceException;
import org.reactivestreams.Publisher;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;

/**
 * A running service: its mailbox, its handler and the state the runtime keeps for it. The mailbox
 * is drained by one worker at a time; everything that touches the handler happens in
 * {@link #drain(int, MessageWatch)}.
 */
final class ServiceCell {

    static final int STARTING = 0;
    static final int RUNNING = 1;
    static final int DEAD = 2;

    private static final ThreadLocal<ServiceCell> CURRENT = new ThreadLocal<>();
    static final String MDC_ADDRESS = "skynet.address";
    static final String MDC_SERVICE = "skynet.service";

    final Node node;
    final Address address;
    final String templateName;
    final ServiceTemplate template;
    final MailboxLimit limit;
    final CellContext context;
    /** The address as text, made once: it goes into the MDC at every drain. */
    final String addressText;

    private final Mailbox queue = new Mailbox();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger scheduled = new AtomicInteger();
    volatile int state = STARTING;
    volatile boolean killRequested;
    volatile boolean exitRequested;

    private ServiceHandler handler;
    /** The message being handled; only read inside the drain. */
    Message current;
    Reply currentReply;

    final Map<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    final Set<Reply> open = ConcurrentHashMap.newKeySet();
    final Map<Object, Waiter> waiters = new ConcurrentHashMap<>();
    final List<String> names = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    /** Sends queued now, and how many of the oldest the drain still owes to drop (DROP_OLDEST_SEND only). */
    private final AtomicInteger sendsQueued = new AtomicInteger();
    private final AtomicInteger dropsOwed = new AtomicInteger();
    private int warnThreshold;

    final AtomicLong processed = new AtomicLong();
    final AtomicLong overloadWarnings = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong lateReplies = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** Handler time, summed and largest; written only by the drain, and only while profiling. */
    final AtomicLong busyNanos = new AtomicLong();
    final AtomicLong maxBusyNanos = new AtomicLong();
    /** skynet.endless(): a message of this service ran past the endless-loop threshold. */
    volatile boolean endless;
    final TemplateStats stats;
    final long startMillis = System.currentTimeMillis();
    private final boolean profile;

    /** Completes the creator's newService; emitted once. */
    final StartSignal start;

    ServiceCell(Node node, Address address, String templateName, ServiceTemplate template, TemplateStats stats,
                StartSignal start) {
        this.node = node;
        this.stats = stats;
        this.profile = node.settings.profile();
        this.address = address;
        this.templateName = templateName;
        this.template = template;
        this.limit = template.mailboxLimit();
        this.start = start;
        this.warnThreshold = node.settings.mailboxWarning();
        this.addressText = address.toString();
        this.context = new CellContext(this);
    }

    /** The service running on this thread, if it belongs to {@code node}. */
    static ServiceCell current(Node node) {
        ServiceCell c = CURRENT.get();
        return c != null && c.node == node ? c : null;
    }

    String displayName() {
        return names.isEmpty() ? templateName : names.get(0);
    }

    int mailboxSize() {
        return size.get();
    }

    int nextSession() {
        for (;;) {
            int s = sessions.incrementAndGet() & 0x7FFFFFFF;
            if (s == 0) {
                continue;
            }
            if (!pending.containsKey(s)) {
                return s;
            }
        }
    }

    // ---- enqueueing -------------------------------------------------------------------------

    /**
     * Queues a request or send from another party, applying the mailbox bound. Returns null when
     * queued, or the error that refused it.
     */
    ServiceException offerRequest(Message m) {
        if (state == DEAD) {
            return node.deadTarget(this, m.command);
        }
        if (limit.bounded() && size.get() >= limit.capacity()) {
            if (limit.overflow() != MailboxLimit.Overflow.DROP_OLDEST_SEND || !dropOldestSend()) {
                refused.incrementAndGet();
                node.log.warn("[{}] mailbox full ({} messages): refused {} '{}' from {}", address, limit.capacity(),
                        m.isSend() ? "send" : "call", m.command, m.sourceAddress());
                return new MailboxFullException(address, displayName(), m.command, limit.capacity());
            }
        }
        if (limit.overflow() == MailboxLimit.Overflow.DROP_OLDEST_SEND && m.isSend()) {
            sendsQueued.incrementAndGet();
        }
        enqueue(m);
        if (state == DEAD) {
            schedule();
        }
        return null;
    }

    /** Queues a runtime message (reply, task, lifecycle); dropped once the service is dead. */
    void post(Message m) {
        if (state == DEAD) {
            return;
        }
        enqueue(m);
        if (state == DEAD) {
            schedule();
        }
    }

    void postTask(Runnable task) {
        post(Message.task(task));
    }

    private void enqueue(Message m) {
        queue.offer(m);
        size.incrementAndGet();
        schedule();
    }

    void schedule() {
        if (scheduled.compareAndSet(0, 1)) {
            node.workers.submit(this);
        }
    }

    /**
     * Makes room by owing the drain one drop: the next send it takes is discarded, which is the
     * oldest queued send. A producer cannot unlink from the middle of the mailbox, but this has the
     * same effect. False when every queued message is a call.
     */
    private boolean dropOldestSend() {
        for (;;) {
            int owed = dropsOwed.get();
            if (sendsQueued.get() - owed <= 0) {
                return false;
            }
            if (dropsOwed.compareAndSet(owed, owed + 1)) {
                size.decrementAndGet();
                dropped.incrementAndGet();
                return true;
            }
        }
    }

    /** In the drain: whether {@code m} is a send the mailbox owes a drop for; if so, it is dropped. */
    private boolean owedDrop(Message m) {
        if (limit.overflow() != MailboxLimit.Overflow.DROP_OLDEST_SEND || !m.isSend()) {
            return false;
        }
        sendsQueued.decrementAndGet();
        for (;;) {
            int owed = dropsOwed.get();
            if (owed == 0) {
                return false;
            }
            if (dropsOwed.compareAndSet(owed, owed - 1)) {
                node.log.warn("[{}] mailbox full ({} messages): dropped the oldest send '{}' from {}", address,
                        limit.capacity(), m.command, m.sourceAddress());
                return true;
            }
        }
    }

    // ---- draining ---------------------------------------------------------------------------

    /** Handles at most {@code batch} messages; called by one worker at a time, which {@code watch} belongs to. */
    void drain(int batch, MessageWatch watch) {
        CURRENT.set(this);
        watch.draining(this);
        // overwritten, never removed, on worker threads: replacing a value allocates nothing
        MDC.put(MDC_ADDRESS, addressText);
        MDC.put(MDC_SERVICE, templateName);
        try {
            if (state == DEAD) {
                flushDead();
            } else {
                drainBatch(batch, watch);
            }
        } finally {
            watch.leave();
            CURRENT.set(null);
        }
        reschedule();
    }

    private void drainBatch(int batch, MessageWatch watch) {
        int handled = 0;
        // one clock read per message: each message ends where the next one starts
        long clock = profile ? System.nanoTime() : 0;
        while (handled < batch) {
            if (killRequested) {
                die(false, "service " + address + " was killed");
                return;
            }
            Message m = queue.poll();
            if (m == null) {
                warnThreshold = node.settings.mailboxWarning();
                break;
            }
            if (owedDrop(m)) {
                continue;
            }
            warnIfOverloaded(size.decrementAndGet());
            handled++;
            clock = handle(m, watch, clock);
            if (exitRequested) {
                die(true, "service " + address + " exited");
                return;
            }
        }
        if (killRequested) {
            die(false, "service " + address + " was killed");
        }
    }

    private void reschedule() {
        if (hasWork()) {
            node.workers.requeue(this);
            return;
        }
        scheduled.set(0);
        // a producer that linked its message after our look has seen scheduled == 1 and left it to us
        if (hasWork() && scheduled.compareAndSet(0, 1)) {
            node.workers.requeue(this);
        }
    }

    private boolean hasWork() {
        return !queue.isEmpty() || (killRequested && state != DEAD);
    }

    /** skynet's rule: checked at every pop against the length left behind; the threshold doubles past it. */
    private void warnIfOverloaded(int n) {
        if (n > warnThreshold) {
            overloadWarnings.incrementAndGet();
            stats.overloads.increment();
            node.log.warn("[{}] May overload, message queue length = {}", address, n);
            while (warnThreshold <= n) {
                warnThreshold *= 2;
            }
        }
    }

    /**
     * Counts, watches and (when profiling) times one message; returns the clock after it (0 when not
     * profiling). Per message this adds an adder increment, the watch's reference and version
     * writes and, with profiling, one clock read and a map read for the command's counters: nothing
     * allocated, nothing locked.
     */
    private long handle(Message m, MessageWatch watch, long start) {
        // only the drain writes it, so an ordered store does instead of a locked add
        processed.lazySet(processed.get() + 1);
        stats.handled(MessageKind.indexOf(m));
        if (!profile) {
            long v = watch.enter(m, 0);
            dispatch(m);
            if (watch.takeFlag(v)) {
                node.monitor.finished(watch, this, m, v);
            }
            return 0;
        }
        long v = watch.enter(m, start);
        dispatch(m);
        long end = System.nanoTime();
        long nanos = end - start;
        busyNanos.lazySet(busyNanos.get() + nanos);
        if (nanos > maxBusyNanos.get()) {
            maxBusyNanos.lazySet(nanos);
        }
        if (m.kind == Message.REQUEST) {
            stats.command(m.command).record(nanos);
        }
        if (watch.takeFlag(v)) {
            node.monitor.finished(watch, this, m, v);
        }
        return end;
    }

    private void dispatch(Message m) {
        switch (m.kind) {
            case Message.REQUEST -> handleRequest(m);
            case Message.RESPONSE -> {
                PendingCall p = pending.remove(m.session);
                if (p == null) {
                    lateReplies.incrementAndGet();
                } else {
                    p.complete(m.value);
                }
            }
            case Message.ERROR -> {
                PendingCall p = pending.remove(m.session);
                if (p == null) {
                    lateReplies.incrementAndGet();
                } else {
                    p.fail((Throwable) m.value);
                }
            }
            case Message.TASK -> runTask((Runnable) m.value);
            case Message.INIT -> init(m);
            case Message.EXIT -> exitRequested = true;
            case Message.DEBUG -> node.respond(this, m, Boolean.TRUE);
            default -> throw new IllegalStateException("unknown message kind " + m.kind);
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            errors.incrementAndGet();
            node.log.error("[{}] error in a task of service {}: {}", address, templateName, t.toString(), t);
        }
    }

    private void handleRequest(Message m) {
        if (handler == null) {
            node.respondError(this, m, new ServiceException("service is not started yet"));
            return;
        }
        current = m;
        currentReply = null;
        Object result;
        try {
            result = handler.dispatch(m.command, m.args);
        } catch (Throwable t) {
            logHandlerError(m.command, m, t);
            Reply taken = currentReply;
            if (taken != null) {
                taken.abandon(Node.reasonOf(t));
            } else {
                node.respondError(this, m, t);
            }
            return;
        } finally {
            current = null;
        }
        Reply taken = currentReply;
        currentReply = null;
        if (taken != null) {
            // the handler took over the reply with response(); its return value is not the reply
            if (result != null) {
                subscribeForSideEffects(m.command, result);
            }
            return;
        }
        if (m.session == 0) {
            if (result != null) {
                subscribeForSideEffects(m.command, result);
            }
            return;
        }
        if (result instanceof Publisher<?> || result instanceof CompletionStage<?>) {
            Reply reply = new Reply(this, m);
            open.add(reply);
            replyWhenDone(reply, m.command, result);
        } else {
            node.respond(this, m, result);
        }
    }

    /** The Responder for the request being handled; only valid while the handler runs. */
    Responder response() {
        Message m = current;
        if (m == null || m.kind != Message.REQUEST) {
            throw new IllegalStateException("response() must be called while handling a request, in service "
                    + address);
        }
        if (m.session == 0) {
            return Reply.NONE;
        }
        if (currentReply == null) {
            currentReply = new Reply(this, m);
            open.add(currentReply);
        }
        return currentReply;
    }

    private void replyWhenDone(Reply reply, String command, Object result) {
        if (result instanceof BlockingWork<?> work) {
            result = work.withoutReturn();
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, e) -> {
                if (reply.answered()) {
                    return;
                }
                if (e != null) {
                    logAsyncError(command, e);
                    reply.fail(unwrap(e));
                } else {
                    reply.reply(v);
                }
            });
            return;
        }
        Mono.from((Publisher<?>) result).subscribe(
                v -> {
                    if (!reply.answered()) {
                        reply.reply(v);
                    }
                },
                e -> {
                    logAsyncError(command, e);
                    if (!reply.answered()) {
                        reply.fail(e);
                    }
                },
                () -> {
                    if (!reply.answered()) {
                        reply.reply(null);
                    }
                });
    }

    private void subscribeForSideEffects(String command, Object result) {
        if (result instanceof Publisher<?> p) {
            Mono.from(p).subscribe(v -> { }, e -> logAsyncError(command, e));
        } else if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    logAsyncError(command, e);
                }
            });
        }
    }

    private void logAsyncError(String command, Throwable e) {
        logHandlerError(command, null, e);
    }

    /** A ServiceException is an answer the service chose to give: one line. Anything else is a bug: the stack. */
    private void logHandlerError(String command, Message m, Throwable t) {
        errors.incrementAndGet();
        String from = m == null ? "" : " from " + m.sourceAddress() + " (session " + m.session + ")";
        if (t instanceof ServiceException se) {
            node.log.warn("[{}] command '{}'{} failed: {}", address, command, from, se.getMessage());
        } else {
            node.log.error("[{}] error in command '{}'{}: {}", address, command, from, t.toString(), t);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    private void init(Message m) {
        Object result;
        try {
            handler = template.create(context);
            result = handler.init(m.args);
        } catch (Throwable t) {
            initFailed(t);
            return;
        }
        if (exitRequested) {
            return;
        }
        if (result instanceof Publisher<?> p) {
            Mono.from(p).subscribe(v -> { }, this::initFailed, this::started);
        } else if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, e) -> postTask(() -> {
                if (e != null) {
                    initFailed(unwrap(e));
                } else {
                    started();
                }
            }));
        } else {
            started();
        }
    }

    private void started() {
        if (state == STARTING) {
            state = RUNNING;
            start.started(address);
        }
    }

    private void initFailed(Throwable t) {
        errors.incrementAndGet();
        node.log.error("[{}] init service failed: {}: {}", address, templateName, t.toString(), t);
        start.failed(new ServiceException(address, templateName, "init",
                "init service failed: " + Node.reasonOf(t), t));
        killRequested = true;
        if (current(node) == this) {
            // a failure inside the drain: the drain loop sees the flag after this message
            return;
        }
        schedule();
    }

    /** Ends the service inside its own drain: runs exit (unless killed), then fails everything owed. */
    private void die(boolean runExit, String reason) {
        if (state == DEAD) {
            return;
        }
        if (runExit && handler != null && state != STARTING) {
            try {
                handler.exit();
            } catch (Throwable t) {
                node.log.error("[{}] error in exit of service {}: {}", address, templateName, t.toString(), t);
            }
        }
        boolean wasStarting = state == STARTING;
        state = DEAD;
        node.unregister(this);
        if (wasStarting) {
            start.exitedDuringStart(address);
        }
        for (Reply r : open) {
            r.abandon(reason);
        }
        for (PendingCall p : pending.values()) {
            p.cancelDeadline();
        }
        pending.clear();
        for (Waiter w : waiters.values()) {
            w.cancel();
        }
        waiters.clear();
        flushDead();
        node.log.debug("[{}] service {} ended: {}", address, templateName, reason);
    }

    /** After death, in the drain: answers every queued call with an error and drops the rest. */
    private void flushDead() {
        Message m;
        while ((m = queue.poll()) != null) {
            if (owedDrop(m)) {
                continue;
            }
            size.decrementAndGet();
            if (m.isCall() || m.kind == Message.DEBUG) {
                node.respondError(this, m, node.deadTarget(this, m.command));
            }
        }
    }

    void requestKill() {
        killRequested = true;
        schedule();
    }

    void requestExit() {
        exitRequested = true;
    }
}

package io.skynetspring.core.service;

import io.skynetspring.core.message.MailboxFullException;
import io.skynetspring.core.message.ServiceException;
import org.reactivestreams.Publisher;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A running service: its mailbox, its handler and the state the runtime keeps for it. The mailbox
 * is drained by one worker at a time; everything that touches the handler happens in
 * {@link #drain(int, MessageWatch)}.
 *
 * <p>A node may hold millions of these, most of them idle, so a cell keeps its counters in its own
 * fields and makes its tables (pending calls, open replies, waiters, names, incident counters) only
 * when a service first needs one.
 */
final class ServiceCell extends Mailbox {

    static final int STARTING = 0;
    static final int RUNNING = 1;
    static final int DEAD = 2;

    static final String MDC_ADDRESS = "skynet.address";
    static final String MDC_SERVICE = "skynet.service";
    /** How long an idle worker keeps a service that ran dry: about a microsecond or two. */
    private static final int LINGER_SPINS = 64;
    /** How long a suspending strand's thread serves nearby before it lets the drain go: a few microseconds. */
    private static final int WAIT_NEARBY_SPINS = 512;

    private static final VarHandle SIZE;
    private static final VarHandle SCHEDULED;
    private static final VarHandle SESSIONS;
    private static final VarHandle SENDS_QUEUED;
    private static final VarHandle DROPS_OWED;
    private static final VarHandle PROCESSED;
    private static final VarHandle BUSY;
    private static final VarHandle MAX_BUSY;
    private static final VarHandle PENDING;
    private static final VarHandle OPEN;
    private static final VarHandle WAITERS;
    private static final VarHandle INCIDENTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(ServiceCell.class, "size", int.class);
            SCHEDULED = l.findVarHandle(ServiceCell.class, "scheduled", int.class);
            SESSIONS = l.findVarHandle(ServiceCell.class, "sessions", int.class);
            SENDS_QUEUED = l.findVarHandle(ServiceCell.class, "sendsQueued", int.class);
            DROPS_OWED = l.findVarHandle(ServiceCell.class, "dropsOwed", int.class);
            PROCESSED = l.findVarHandle(ServiceCell.class, "processed", long.class);
            BUSY = l.findVarHandle(ServiceCell.class, "busyNanos", long.class);
            MAX_BUSY = l.findVarHandle(ServiceCell.class, "maxBusyNanos", long.class);
            PENDING = l.findVarHandle(ServiceCell.class, "pending", Map.class);
            OPEN = l.findVarHandle(ServiceCell.class, "open", Set.class);
            WAITERS = l.findVarHandle(ServiceCell.class, "waiters", Map.class);
            INCIDENTS = l.findVarHandle(ServiceCell.class, "incidents", Incidents.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Node node;
    final Address address;
    final String templateName;
    final ServiceTemplate template;
    final MailboxLimit limit;
    /** The address's handle and the limit's kind, kept here so a send reads no other object. */
    final int handle;
    private final boolean bounded;
    private final boolean dropOldest;
    /** Messages to it and its replies are copied (docs/runtime.md, "Message isolation"). */
    final boolean copies;
    /** Its handlers run on strands and may suspend (docs/sequential.md). */
    final boolean sequential;
    final CellContext context;
    final TemplateStats stats;
    private final boolean profile;
    final long startMillis = System.currentTimeMillis();

    /**
     * Messages queued: producers add one each; the drain takes off what it handled once per drain,
     * or per message when the mailbox is bounded, so a bound is exact.
     */
    @SuppressWarnings("unused") // through SIZE
    private volatile int size;
    @SuppressWarnings("unused") // through SCHEDULED
    private volatile int scheduled;
    volatile int state = STARTING;
    volatile boolean killRequested;
    volatile boolean exitRequested;
    /** skynet.endless(): a message of this service ran past the endless-loop threshold. */
    volatile boolean endless;

    private ServiceHandler handler;
    /** The message being handled; only read inside the drain. */
    Message current;
    Reply currentReply;
    /** Sequential services: the strand whose code is running in the drain, or null. */
    Strand strand;
    /** Sequential services: the message the drain is dispatching, and when its running segment started. */
    Message dispatching;
    private long segmentStart;
    private long segmentVersion;
    /** Sequential services: how many times in a row a suspending handler kept the service at the head of its slot. */
    private int keptOn;
    /** Sequential services: suspended strands whose wait is over, in the order they became ready. */
    private ArrayDeque<Strand> ready;
    /** The address as text, made at the first drain: it goes into the MDC at every drain. */
    private String addressText;
    /** Completes the creator's newService; dropped once it has. */
    private StartSignal start;

    @SuppressWarnings("unused") // through PENDING
    private volatile Map<Integer, PendingCall> pending;
    @SuppressWarnings("unused") // through OPEN
    private volatile Set<Reply> open;
    @SuppressWarnings("unused") // through WAITERS
    private volatile Map<Object, Waiter> waiters;
    private volatile List<String> names;
    @SuppressWarnings("unused") // through SESSIONS
    private volatile int sessions;
    /** Sends queued now, and how many of the oldest the drain still owes to drop (DROP_OLDEST_SEND only). */
    @SuppressWarnings("unused") // through SENDS_QUEUED
    private volatile int sendsQueued;
    @SuppressWarnings("unused") // through DROPS_OWED
    private volatile int dropsOwed;
    private int warnThreshold;

    /** Written by the drain only; read by anyone through {@link #processed()} and friends. */
    @SuppressWarnings("unused") // through PROCESSED
    private long processed;
    /** Handler time, summed and largest; written only by the drain, and only while profiling. */
    @SuppressWarnings("unused") // through BUSY
    private long busyNanos;
    @SuppressWarnings("unused") // through MAX_BUSY
    private long maxBusyNanos;
    @SuppressWarnings("unused") // through INCIDENTS
    private volatile Incidents incidents;

    ServiceCell(Node node, Address address, String templateName, ServiceTemplate template, TemplateStats stats,
                StartSignal start) {
        this.node = node;
        this.stats = stats;
        this.profile = node.settings.profile();
        this.address = address;
        this.templateName = templateName;
        this.template = template;
        this.limit = template.mailboxLimit();
        this.handle = address.handle();
        this.bounded = limit.bounded();
        this.dropOldest = limit.overflow() == MailboxLimit.Overflow.DROP_OLDEST_SEND;
        this.copies = node.copies(template);
        this.sequential = template.sequential();
        this.start = start;
        this.warnThreshold = node.settings.mailboxWarning();
        this.context = new CellContext(this);
    }

    /** Counts of what goes wrong, made at the first incident: most services never have one. */
    static final class Incidents {
        final AtomicLong overloadWarnings = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong lateReplies = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
    }

    private static final Incidents NO_INCIDENTS = new Incidents();

    /** Incident counters to add to. */
    Incidents incidents() {
        return madeOnFirstUse(INCIDENTS, Incidents::new);
    }

    /** Incident counters to read; shared zeros when there were none. */
    Incidents incidentsSeen() {
        Incidents i = incidents;
        return i == null ? NO_INCIDENTS : i;
    }

    long processed() {
        return (long) PROCESSED.getOpaque(this);
    }

    long busyNanos() {
        return (long) BUSY.getOpaque(this);
    }

    long maxBusyNanos() {
        return (long) MAX_BUSY.getAcquire(this);
    }

    /** The table in {@code field}, made by {@code make} if there is none yet; one wins a race. */
    @SuppressWarnings("unchecked")
    private <T> T madeOnFirstUse(VarHandle field, Supplier<T> make) {
        T t = (T) field.getAcquire(this);
        if (t == null) {
            T made = make.get();
            t = field.compareAndSet(this, null, made) ? made : (T) field.getAcquire(this);
        }
        return t;
    }

    /** Its calls waiting for a reply, by session. */
    Map<Integer, PendingCall> pending() {
        return madeOnFirstUse(PENDING, ConcurrentHashMap::new);
    }

    boolean hasPending(int session) {
        Map<Integer, PendingCall> p = pending;
        return p != null && p.containsKey(session);
    }

    int pendingCount() {
        Map<Integer, PendingCall> p = pending;
        return p == null ? 0 : p.size();
    }

    /** Requests it has taken over and not answered. */
    Set<Reply> open() {
        return madeOnFirstUse(OPEN, ConcurrentHashMap::newKeySet);
    }

    Collection<Reply> openReplies() {
        Set<Reply> o = open;
        return o == null ? List.of() : o;
    }

    void removeOpen(Reply r) {
        Set<Reply> o = open;
        if (o != null) {
            o.remove(r);
        }
    }

    /** Sleepers and waiters by token. */
    Map<Object, Waiter> waiters() {
        return madeOnFirstUse(WAITERS, ConcurrentHashMap::new);
    }

    /** Its names, oldest first. */
    List<String> names() {
        List<String> n = names;
        return n == null ? List.of() : n;
    }

    synchronized void addName(String name) {
        if (names == null) {
            names = new CopyOnWriteArrayList<>();
        }
        names.add(name);
    }

    /** The handler that runs this sequential service's strands; null for other services and before init. */
    SequentialHandler sequentialHandler() {
        return handler instanceof SequentialHandler h ? h : null;
    }

    /** The service running on this thread, if it belongs to {@code node}. */
    static ServiceCell current(Node node) {
        ServiceCell c = Workers.draining();
        return c != null && c.node == node ? c : null;
    }

    String displayName() {
        List<String> n = names;
        return n == null || n.isEmpty() ? templateName : n.get(0);
    }

    /** Messages queued, including those the current drain has handled but not yet taken off. */
    int mailboxSize() {
        return Math.max(0, (int) SIZE.getVolatile(this));
    }

    int nextSession() {
        for (;;) {
            int s = ((int) SESSIONS.getAndAdd(this, 1) + 1) & 0x7FFFFFFF;
            if (s == 0) {
                continue;
            }
            if (!hasPending(s)) {
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
        if (bounded && (int) SIZE.getVolatile(this) >= limit.capacity()) {
            if (!dropOldest || !dropOldestSend()) {
                incidents().refused.incrementAndGet();
                node.incidents().warn("mailbox.refused", address, "mailbox full ({} messages): refused {} '{}' from {}",
                        limit.capacity(), m.isSend() ? "send" : "call", m.command, m.sourceAddress());
                return new MailboxFullException(address, displayName(), m.command, limit.capacity());
            }
        }
        if (dropOldest && m.isSend()) {
            SENDS_QUEUED.getAndAdd(this, 1);
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
        offer(m);
        // a locked add: it also orders the link above before the read of scheduled below
        SIZE.getAndAdd(this, 1);
        schedule();
    }

    void schedule() {
        // a read first: while the service is queued or draining, a producer writes nothing here
        if ((int) SCHEDULED.getVolatile(this) == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
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
            int owed = (int) DROPS_OWED.getVolatile(this);
            if ((int) SENDS_QUEUED.getVolatile(this) - owed <= 0) {
                return false;
            }
            if (DROPS_OWED.compareAndSet(this, owed, owed + 1)) {
                SIZE.getAndAdd(this, -1);
                incidents().dropped.incrementAndGet();
                return true;
            }
        }
    }

    /** In the drain: whether {@code m} is a send the mailbox owes a drop for; if so, it is dropped. */
    private boolean owedDrop(Message m) {
        if (!dropOldest || !m.isSend()) {
            return false;
        }
        SENDS_QUEUED.getAndAdd(this, -1);
        for (;;) {
            int owed = (int) DROPS_OWED.getVolatile(this);
            if (owed == 0) {
                return false;
            }
            if (DROPS_OWED.compareAndSet(this, owed, owed - 1)) {
                node.incidents().warn("mailbox.dropped", address,
                        "mailbox full ({} messages): dropped the oldest send '{}' from {}",
                        limit.capacity(), m.command, m.sourceAddress());
                return true;
            }
        }
    }

    // ---- draining ---------------------------------------------------------------------------

    /** Handles at most {@code batch} messages; called by one worker at a time, which {@code watch} belongs to. */
    void drain(int batch, MessageWatch watch) {
        drain(batch, watch, true);
    }

    /** As {@link #drain(int, MessageWatch)}; without {@code linger} it never keeps the worker past the batch. */
    void drain(int batch, MessageWatch watch, boolean linger) {
        if (sequential) {
            drainSequential(batch);
            return;
        }
        enter(watch);
        try {
            if (state == DEAD) {
                flushDead();
            } else {
                int handled = drainBatch(batch, watch);
                // While nothing else waits for this worker, it keeps the service: past the batch it
                // starts another one (the batch bound is for fairness, and nobody is waiting), and
                // when the mailbox runs dry it lingers a moment, so a steady sender's next message
                // comes in without the service being scheduled again, maybe on another core.
                while (linger && state != DEAD && !killRequested && node.workers.nothingElse()) {
                    if (handled >= batch) {
                        if (isEmpty()) {
                            break;
                        }
                        handled = 0;
                    } else if (lingered()) {
                        watch.idle();
                    } else {
                        break;
                    }
                    handled += drainBatch(batch - handled, watch);
                }
            }
        } finally {
            watch.leave();
        }
        reschedule();
    }

    /** At a drain's start: the worker's watch and log context name this service. */
    private void enter(MessageWatch watch) {
        watch.draining(this);
        if (watch.mdcCell != this) {
            // overwritten, never removed, on worker threads: replacing a value allocates nothing
            String text = addressText;
            if (text == null) {
                addressText = text = address.toString();
            }
            MDC.put(MDC_ADDRESS, text);
            if (watch.mdcCell == null || watch.mdcCell.template != template) {
                MDC.put(MDC_SERVICE, templateName);
            }
            watch.mdcCell = this;
        }
    }

    // ---- the drain of a sequential service (docs/sequential.md, "How it works") -----------------

    /**
     * Handles at most {@code batch} messages on a virtual worker. A handler that suspends keeps this
     * drain on its thread's stack and lets the service go ({@link #letGo}); once it is resumed it
     * is the drain again, holding the slot it was handed, so the slot is read afresh after every
     * message. A thread that hands the drain to a resumed strand leaves at once.
     */
    private void drainSequential(int batch) {
        Workers.Slot slot = Workers.held();
        MessageWatch watch = slot.watch;
        enter(watch);
        try {
            if (state == DEAD) {
                flushDead();
            } else {
                for (int handled = 0; ; handled++) {
                    Strand r = takeReady();
                    if (r != null) {
                        handOff(r, slot);
                        return;
                    }
                    if (handled >= batch || killRequested || state == DEAD) {
                        break;
                    }
                    Message m = poll();
                    if (m == null) {
                        warnThreshold = node.settings.mailboxWarning();
                        break;
                    }
                    if (owedDrop(m)) {
                        continue;
                    }
                    startSegment(watch, m);
                    dispatching = m;
                    dispatch(m);
                    dispatching = null;
                    Workers.Slot now = Workers.held();
                    if (now == null) {
                        return; // this thread handed the drain (and its slot) to a strand that resumed
                    }
                    slot = now;
                    watch = now.watch;
                    endSegment(watch, m, 1);
                    if (exitRequested) {
                        die(true, "service " + address + " exited");
                        break;
                    }
                }
                if (killRequested) {
                    die(false, "service " + address + " was killed");
                }
            }
        } catch (Strand.End e) {
            return; // this thread stood in for a handler ending with its service; that drain goes on
        }
        keptOn = 0;
        watch.leave();
        reschedule();
    }

    /** A sequential drain takes {@code m}: counted off exactly (a drain may pause on a suspended handler's stack) and watched. */
    private void startSegment(MessageWatch watch, Message m) {
        warnIfOverloaded((int) SIZE.getAndAdd(this, -1) - 1);
        PROCESSED.setOpaque(this, (long) PROCESSED.getOpaque(this) + 1);
        watch.count(stats.id, MessageKind.indexOf(m));
        segmentStart = profile ? watch.clock() : 0;
        segmentVersion = watch.enter(m, segmentStart);
    }

    /** The time of the segment that just ended, and the monitor's "finished" line if it had flagged it. */
    private void endSegment(MessageWatch watch, Message m, int count) {
        if (profile) {
            // segments chain as a worker's messages do: one clock read each
            long end = System.nanoTime();
            watch.clockAt(end);
            long nanos = end - segmentStart;
            if (m != null && m.kind == Message.REQUEST) {
                stats.command(m.command).record(count, nanos, nanos);
            }
            BUSY.setOpaque(this, (long) BUSY.getOpaque(this) + nanos);
            if (nanos > (long) MAX_BUSY.getOpaque(this)) {
                MAX_BUSY.setRelease(this, nanos);
            }
        }
        if (watch.takeFlag(segmentVersion)) {
            node.monitor.finished(watch, this, m, segmentVersion);
        }
    }

    /**
     * On the thread of strand {@code s}, which is suspending in the drain holding {@code slot}: true
     * when its wait ended while it served nearby. Else the drain goes to a strand that is ready to
     * go on, or the slot goes to another thread with the service first in line on it; the caller
     * then parks until a drain hands it back.
     */
    boolean letGo(Strand s, Workers.Slot slot) {
        endSegment(slot.watch, s.origin, 0);
        current = null;
        currentReply = null;
        strand = null;
        dispatching = null;
        if (waitNearby(s, slot)) {
            resumed(s, slot);
            return true;
        }
        Strand r = takeReady();
        if (r != null) {
            handOff(r, slot);
            return false;
        }
        slot.watch.leave();
        if (++keptOn < node.workers.batch()) {
            // the service's next message goes first on this slot, as it would have in this drain
            reschedule(slot);
            node.workers.passOn(slot);
        } else {
            // a batch of waits in a row: to the back of the queue, as a drain past its batch goes
            keptOn = 0;
            node.workers.passOn(slot);
            reschedule();
        }
        return false;
    }


    /**
     * Before a suspending strand lets the drain go: for a few microseconds its thread keeps the
     * drain and serves as {@code slot}'s worker, draining services that are not sequential (whose
     * handlers cannot suspend on this stack) and taking this service's replies and wake-ups. True
     * when the strand's own wait ended meanwhile, so it goes on without a thread switch; false
     * when the drain must go elsewhere: another strand became ready, a message that may run a
     * handler is next, a sequential service is waiting for the slot, or nothing came.
     */
    private boolean waitNearby(Strand s, Workers.Slot slot) {
        MessageWatch watch = slot.watch;
        for (int idle = 0; idle < WAIT_NEARBY_SPINS; ) {
            ArrayDeque<Strand> r = ready;
            Strand first = r == null ? null : r.peek();
            if (first != null) {
                if (first != s) {
                    return false;
                }
                takeReady();
                return true;
            }
            if (killRequested || exitRequested || state == DEAD) {
                return false;
            }
            Message m = peek();
            if (m != null) {
                if (!(m.kind == Message.RESPONSE || m.kind == Message.ERROR
                        || (m.kind == Message.TASK && m.value instanceof Strand.Arrival))) {
                    return false;
                }
                if (poll() != m) {
                    throw new IllegalStateException("mailbox of " + address + " changed under its drain");
                }
                if (!owedDrop(m)) {
                    startSegment(watch, m);
                    dispatch(m);
                    endSegment(watch, m, 1);
                }
                idle = 0;
                continue;
            }
            ServiceCell other = node.workers.nearby(slot);
            if (other != null) {
                if (other.sequential) {
                    node.workers.requeue(other);
                    return false;
                }
                try {
                    // no lingering there: the reply this thread waits for does not wake a service
                    other.drain(node.workers.batch(), watch, false);
                } catch (Throwable t) {
                    node.log.error("[{}] worker failed while draining: {}", other.address, t.toString(), t);
                }
                enter(watch);
                idle = 0;
                continue;
            }
            if (idle++ == 0) {
                watch.idle();
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** On the thread of strand {@code s}, resumed holding {@code slot}: it is this service's drain again. */
    void resumed(Strand s, Workers.Slot slot) {
        current = s.message;
        currentReply = s.handlerAsked ? s.reply : null;
        strand = s;
        dispatching = s.origin;
        segmentStart = profile ? slot.watch.clock() : 0;
        segmentVersion = slot.watch.enter(s.origin, segmentStart);
    }

    /** The drain and {@code slot} pass from this thread to strand {@code s}, which goes on where it waited. */
    private void handOff(Strand s, Workers.Slot slot) {
        // the slot's watch keeps naming this service; the strand's log context is this service's
        slot.watch.mdcCell = this;
        Workers.handTo(slot, s.thread());
        s.resumeWith(slot);
    }

    /** In the drain: strand {@code s}'s wait on {@code on} is over; it goes on after the current message. */
    void markReady(Strand s, Strand.Arrival on) {
        if (!s.ready && s.waitsFor(on)) {
            s.ready = true;
            if (ready == null) {
                ready = new ArrayDeque<>();
            }
            ready.add(s);
        }
    }

    void unready(Strand s) {
        if (s.ready) {
            s.ready = false;
            ready.remove(s);
        }
    }

    private Strand takeReady() {
        ArrayDeque<Strand> r = ready;
        Strand s = r == null ? null : r.poll();
        if (s != null) {
            s.ready = false;
        }
        return s;
    }

    /** Spins briefly for mail; true when some came. */
    private boolean lingered() {
        for (int i = 0; i < LINGER_SPINS; i++) {
            if (!isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return !isEmpty();
    }

    /** Handles at most {@code batch} messages; returns how many. */
    private int drainBatch(int batch, MessageWatch watch) {
        int handled = 0;
        int taken = 0;
        // what the drain knows is queued without reading the producers' counter again
        int known = 0;
        // one clock read per message: each message ends where the next one starts, and a drain
        // that follows another on this worker starts where that one ended
        long clock = profile ? watch.clock() : 0;
        // runs of one command are timed together and recorded once
        String runCommand = null;
        int runCount = 0;
        long runNanos = 0;
        long runMax = 0;
        // handler time of this drain, written to the cell once at its end: the cell's first cache
        // line also holds the mailbox tail every producer swaps
        long busy = 0;
        long longest = 0;
        try {
            while (handled < batch) {
                if (killRequested) {
                    break;
                }
                Message m = poll();
                if (m == null) {
                    warnThreshold = node.settings.mailboxWarning();
                    break;
                }
                if (owedDrop(m)) {
                    continue;
                }
                if (bounded) {
                    // a bound is exact: each message comes off the count as it is taken
                    warnIfOverloaded((int) SIZE.getAndAdd(this, -1) - 1);
                } else {
                    taken++;
                    // the producers' counter is read only when a backlog is seen: a drain that keeps
                    // up never touches the line every send writes
                    if (--known < 0) {
                        known = isEmpty() ? 0 : (int) SIZE.getVolatile(this) - taken;
                    }
                    warnIfOverloaded(known);
                }
                handled++;
                // only the drain writes it: a plain store, counted before the reply can go out
                PROCESSED.setOpaque(this, (long) PROCESSED.getOpaque(this) + 1);
                watch.count(stats.id, MessageKind.indexOf(m));
                long v = watch.enter(m, clock);
                dispatch(m);
                if (profile) {
                    long end = System.nanoTime();
                    long nanos = end - clock;
                    clock = end;
                    if (m.kind == Message.REQUEST) {
                        if (m.command != runCommand) {
                            if (runCount > 0) {
                                stats.command(runCommand).record(runCount, runNanos, runMax);
                            }
                            runCommand = m.command;
                            runCount = 0;
                            runNanos = 0;
                            runMax = 0;
                        }
                        runCount++;
                        runNanos += nanos;
                        runMax = Math.max(runMax, nanos);
                    }
                    busy += nanos;
                    longest = Math.max(longest, nanos);
                }
                if (watch.takeFlag(v)) {
                    node.monitor.finished(watch, this, m, v);
                }
                if (exitRequested) {
                    die(true, "service " + address + " exited");
                    return handled;
                }
            }
        } finally {
            if (profile) {
                watch.clockAt(clock);
                if (busy > 0) {
                    BUSY.setOpaque(this, (long) BUSY.getOpaque(this) + busy);
                    if (longest > (long) MAX_BUSY.getOpaque(this)) {
                        // released after the sum, so a reader that sees the maximum sees the sum too
                        MAX_BUSY.setRelease(this, longest);
                    }
                }
            }
            if (taken > 0) {
                SIZE.getAndAdd(this, -taken);
            }
            if (runCount > 0) {
                stats.command(runCommand).record(runCount, runNanos, runMax);
            }
        }
        if (killRequested) {
            die(false, "service " + address + " was killed");
        }
        return handled;
    }

    private void reschedule() {
        reschedule(null);
    }

    /**
     * After a drain: a service with mail goes to the back of the run queue, or to the head of
     * {@code slot} when one is given (a suspending handler's service, next in line as it would
     * have been in that drain); one without is idle.
     */
    private void reschedule(Workers.Slot slot) {
        if (!hasWork()) {
            SCHEDULED.setVolatile(this, 0);
            // a producer that linked its message after our look has seen scheduled == 1 and left it to us
            if (!hasWork() || !SCHEDULED.compareAndSet(this, 0, 1)) {
                return;
            }
        }
        if (slot == null) {
            node.workers.requeue(this);
        } else {
            node.workers.putNext(slot, this);
        }
    }

    private boolean hasWork() {
        return !isEmpty() || (killRequested && state != DEAD);
    }

    /** skynet's rule: checked at every pop against the length left behind; the threshold doubles past it. */
    private void warnIfOverloaded(int n) {
        if (n > warnThreshold) {
            incidents().overloadWarnings.incrementAndGet();
            stats.overloads.increment();
            // a flood can cross the doubling thresholds again after each time the queue empties
            node.incidents().warn("mailbox.overload", address, "May overload, message queue length = {}", n);
            while (warnThreshold <= n) {
                warnThreshold *= 2;
            }
        }
    }

    private void dispatch(Message m) {
        switch (m.kind) {
            case Message.REQUEST -> handleRequest(m);
            case Message.RESPONSE -> {
                PendingCall p = pending().remove(m.session);
                if (p == null) {
                    incidents().lateReplies.incrementAndGet();
                } else {
                    p.complete(m.value);
                }
            }
            case Message.ERROR -> {
                PendingCall p = pending().remove(m.session);
                if (p == null) {
                    incidents().lateReplies.incrementAndGet();
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
        } catch (Strand.End e) {
            throw e;
        } catch (Throwable t) {
            logTaskError("a task", t);
        }
    }

    /**
     * A task or fork of the service's own failed, and no caller will hear of it: one WARN line. A
     * ServiceException (a call it made failed, say) carries its reason and was logged where it was
     * raised, so no stack; anything else is a bug here: the stack.
     */
    void logTaskError(String what, Throwable t) {
        incidents().errors.incrementAndGet();
        if (t instanceof ServiceException se) {
            node.log.warn("[{}] {} of service {} failed: {}", address, what, templateName, se.getMessage());
        } else {
            node.log.warn("[{}] error in {} of service {}: {}", address, what, templateName, t.toString(), t);
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
        } catch (Strand.End e) {
            throw e;
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
            open().add(reply);
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
            open().add(currentReply);
        }
        return currentReply;
    }

    /** Hands the request being handled to {@code target} with its source and session; see ServiceContext#redirect. */
    boolean redirect(Address targetAddress, String command, Object[] args) {
        Message m = current;
        if (m == null || m.kind != Message.REQUEST) {
            throw new IllegalStateException("redirect() must be called while handling a request, in service "
                    + address);
        }
        if (currentReply != null && currentReply.answered()) {
            throw new IllegalStateException("redirect() after the request was answered, in service " + address);
        }
        // from now on this service owes nothing: mark the reply taken, so the return value is not sent
        Reply handedOff = currentReply != null ? currentReply : new Reply(this, m);
        currentReply = handedOff;
        if (!handedOff.handOff()) {
            throw new IllegalStateException("redirect() after the request was answered, in service " + address);
        }
        removeOpen(handedOff);
        return node.redirect(this, m, node.cell(targetAddress), targetAddress, command, args);
    }

    void replyWhenDone(Reply reply, String command, Object result) {
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

    void subscribeForSideEffects(String command, Object result) {
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
        // a stage chained after the failure wraps it: log what the handler raised
        logHandlerError(command, null, unwrap(e));
    }

    /**
     * A ServiceException is an answer the service chose to give, and the caller gets it: one line at
     * the template's level (DEBUG by default). Anything else is a bug: one WARN with the stack. Only
     * the callee logs; callers receive a ServiceException and Reactor is always given an error handler.
     */
    void logHandlerError(String command, Message m, Throwable t) {
        incidents().errors.incrementAndGet();
        if (t instanceof ServiceException se) {
            if (node.log.isEnabledForLevel(template.errorLogLevel())) {
                node.log.atLevel(template.errorLogLevel()).log("[{}] command '{}'{} failed: {}", address, command,
                        from(m), se.getMessage());
            }
        } else {
            node.log.warn("[{}] error in command '{}'{}: {}", address, command, from(m), t.toString(), t);
        }
    }

    private static String from(Message m) {
        return m == null ? "" : " from " + m.sourceAddress() + " (session " + m.session + ")";
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    private void init(Message m) {
        Object result;
        try {
            handler = template.create(context);
            if (sequential) {
                handler = new SequentialHandler(this, handler);
            }
            result = handler.init(m.args);
        } catch (Strand.End e) {
            throw e;
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
            StartSignal s = start;
            start = null;
            s.started(address);
        }
    }

    private void initFailed(Throwable t) {
        incidents().errors.incrementAndGet();
        node.log.error("[{}] init service failed: {}: {}", address, templateName, t.toString(), t);
        StartSignal s = start;
        start = null;
        if (s != null) {
            s.failed(new ServiceException(address, templateName, "init",
                    "init service failed: " + Node.reasonOf(t), t));
        }
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
        if (handler instanceof SequentialHandler h) {
            // its suspended handlers wake with the reason thrown, and end
            h.ended(reason);
        }
        StartSignal s = start;
        start = null;
        if (wasStarting && s != null) {
            s.exitedDuringStart(address);
        }
        for (Reply r : openReplies()) {
            r.abandon(reason);
        }
        Map<Integer, PendingCall> calls = pending;
        if (calls != null) {
            for (PendingCall p : calls.values()) {
                p.cancelDeadline();
            }
            calls.clear();
        }
        Map<Object, Waiter> parked = waiters;
        if (parked != null) {
            for (Waiter w : parked.values()) {
                w.cancel();
            }
            parked.clear();
        }
        flushDead();
        node.log.debug("[{}] service {} ended: {}", address, templateName, reason);
    }

    /** After death, in the drain: answers every queued call with an error and drops the rest. */
    private void flushDead() {
        Message m;
        while ((m = poll()) != null) {
            if (owedDrop(m)) {
                continue;
            }
            SIZE.getAndAdd(this, -1);
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

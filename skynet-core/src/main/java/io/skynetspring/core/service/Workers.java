package io.skynetspring.core.service;

import org.slf4j.Logger;
import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Schedulers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker pool: a fixed number of slots, each held by one thread, that take services with mail
 * from the global run queue and drain a bounded batch from each. A service is in the queue at most
 * once, so it never runs on two threads at once. An idle worker spins briefly before it parks,
 * because waking a parked thread costs more than most messages take to handle.
 *
 * <p>A service that a worker's own drain makes runnable (the callee of a call, the other side of a
 * ping-pong) goes to that slot's {@code next} rather than the global queue: it runs on the same
 * core right after the current drain, with its caller's data still in cache and no other worker
 * woken. A run of slot hand-offs is bounded so the global queue is never starved, and an idle
 * worker steals a slot that waits behind a long drain.
 *
 * <p>Slots are held by platform threads until the node gets its first sequential template; then
 * each passes its slot to a virtual thread, so that sequential handlers run on the workers
 * themselves. A handler that suspends keeps its thread and passes the slot to a spare one; when it
 * resumes, the thread that resumes it passes its slot back (docs/sequential.md, "How it works").
 */
final class Workers {

    private static final int SPINS = 256;
    private static final int YIELDS = 8;
    private static final long PARK_NANOS = 50_000_000L;
    /** Slot hand-offs in a row before the worker looks at the global queue first. */
    private static final int SLOT_RUN = 32;
    /** Idle rounds before a worker steals another's slot: the owner usually takes it sooner. */
    private static final int STEAL_AFTER = 64;

    /** The slot a virtual worker holds; platform workers carry theirs. */
    private static final ThreadLocal<Slot> HELD = new ThreadLocal<>();

    private final ConcurrentLinkedQueue<ServiceCell> runQueue = new ConcurrentLinkedQueue<>();
    private final Slot[] slots;
    private final AtomicInteger parked = new AtomicInteger();
    /** Virtual threads without a slot, waiting for one: their handler resumed on another's slot. */
    private final ConcurrentLinkedQueue<Spare> spares = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spareCount = new AtomicInteger();
    private final int batch;
    private final String name;
    private final Logger log;
    private volatile boolean stopped;
    private volatile boolean virtual;

    Workers(String name, int count, int batch, Logger log) {
        this.batch = batch;
        this.name = name;
        this.log = log;
        this.slots = new Slot[count];
        WorkerThread[] threads = new WorkerThread[count];
        for (int i = 0; i < count; i++) {
            slots[i] = new Slot(this, name + "-worker-" + i);
            threads[i] = new WorkerThread(slots[i]);
            threads[i].setDaemon(true);
            slots[i].holder = threads[i];
        }
        for (WorkerThread t : threads) {
            t.start();
        }
    }

    /** The slot the calling thread holds, or null when it is not a worker (or a suspended handler). */
    static Slot held() {
        return Thread.currentThread() instanceof WorkerThread w ? w.slot : HELD.get();
    }

    /** A service that just became runnable. */
    void submit(ServiceCell cell) {
        Slot s = held();
        if (s != null && s.workers == this) {
            ServiceCell displaced = (ServiceCell) Slot.NEXT.getAndSet(s, cell);
            if (displaced == null) {
                return;
            }
            cell = displaced;
        }
        requeue(cell);
    }

    /** A service for {@code slot}'s next holder to drain first; one it displaces goes to the global queue. */
    void putNext(Slot slot, ServiceCell cell) {
        ServiceCell displaced = (ServiceCell) Slot.NEXT.getAndSet(slot, cell);
        if (displaced != null) {
            requeue(displaced);
        }
    }

    /** A service that was drained and still has mail: to the back of the global queue, for fairness. */
    void requeue(ServiceCell cell) {
        runQueue.offer(cell);
        if (parked.get() > 0) {
            wakeOne();
        }
    }

    private void wakeOne() {
        for (Slot s : slots) {
            if (s.parked && s.claim()) {
                LockSupport.unpark(s.holder);
                return;
            }
        }
    }

    private void loop(Slot self) {
        int idleRounds = 0;
        int slotRun = 0;
        while (!stopped) {
            if (virtual && Thread.currentThread() instanceof WorkerThread) {
                startVirtual(self);
                return;
            }
            ServiceCell cell = null;
            if (slotRun < SLOT_RUN) {
                cell = self.takeNext();
            }
            if (cell != null) {
                slotRun++;
            } else {
                slotRun = 0;
                cell = runQueue.poll();
                if (cell == null) {
                    cell = self.takeNext();
                }
                if (cell == null && idleRounds > STEAL_AFTER) {
                    cell = steal(self);
                }
            }
            if (cell != null) {
                idleRounds = 0;
                try {
                    cell.drain(batch, self.watch);
                } catch (Throwable t) {
                    log.error("[{}] worker failed while draining: {}", cell.address, t.toString(), t);
                }
                if (virtual && !(Thread.currentThread() instanceof WorkerThread)) {
                    Slot now = HELD.get();
                    if (now != self) {
                        // a sequential handler suspended here and came back on another slot, or this
                        // thread gave its slot to a handler that resumed
                        self = now != null ? now : awaitSlot();
                        if (self == null) {
                            return;
                        }
                        slotRun = 0;
                    }
                }
                continue;
            }
            if (idleRounds++ == 0) {
                self.watch.idle();
            }
            if (idleRounds < SPINS) {
                Thread.onSpinWait();
            } else if (idleRounds < SPINS + YIELDS) {
                Thread.yield();
            } else {
                park(self);
                idleRounds = 0;
            }
        }
    }

    private ServiceCell steal(Slot self) {
        for (Slot s : slots) {
            if (s != self) {
                ServiceCell c = s.takeNext();
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private void park(Slot self) {
        self.parked = true;
        parked.incrementAndGet();
        // re-check after announcing: a submit that missed the announcement left its cell here
        if (runQueue.isEmpty() && !stopped && !slotsTaken() && !(virtual && Thread.currentThread() instanceof WorkerThread)) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        parked.decrementAndGet();
        self.parked = false;
    }

    private boolean slotsTaken() {
        for (Slot s : slots) {
            if (s.next != null) {
                return true;
            }
        }
        return false;
    }

    /** For a worker waiting nearby: a service queued for {@code slot}, or in the global queue; null when none. */
    ServiceCell nearby(Slot slot) {
        ServiceCell c = slot.takeNext();
        return c != null ? c : runQueue.poll();
    }

    int batch() {
        return batch;
    }

    /** On a worker: whether it has nothing queued for it, in its slot or the global queue. */
    boolean nothingElse() {
        Slot s = held();
        return s != null && s.next == null && runQueue.isEmpty();
    }

    /**
     * The service the calling thread is draining, or null between drains and on threads that are not
     * a drain. A sequential handler's thread counts while it is its service's drain.
     */
    static ServiceCell draining() {
        Slot s = held();
        return s == null ? null : s.watch.draining;
    }

    /** One per slot, for the endless-loop monitor. */
    MessageWatch[] watches() {
        MessageWatch[] w = new MessageWatch[slots.length];
        for (int i = 0; i < slots.length; i++) {
            w[i] = slots[i].watch;
        }
        return w;
    }

    // ---- virtual workers (sequential services, Java 21+) -------------------------------------------

    /**
     * Moves every slot to a virtual thread, once: the node got a sequential template. Returns when each
     * slot but the caller's own has moved (the caller's moves after its current drain).
     */
    void goVirtual() {
        synchronized (this) {
            if (virtual) {
                return;
            }
            virtual = true;
        }
        refuseBlockingOnVirtualWorkers();
        Slot mine = held();
        for (Slot s : slots) {
            LockSupport.unpark(s.holder);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Slot s : slots) {
            while (s != mine && s.holder instanceof WorkerThread && !stopped && System.nanoTime() < deadline) {
                LockSupport.unpark(s.holder);
                LockSupport.parkNanos(this, 100_000);
            }
        }
    }

    private static boolean blockingRefused;

    /**
     * Reactor refuses {@code block()} on a platform worker through its NonBlocking marker, which a
     * virtual thread cannot carry: the same refusal, through the predicate Reactor asks as well.
     */
    private static synchronized void refuseBlockingOnVirtualWorkers() {
        if (!blockingRefused) {
            blockingRefused = true;
            Schedulers.registerNonBlockingThreadPredicate(t -> t == Thread.currentThread() && HELD.get() != null);
        }
    }

    boolean isVirtual() {
        return virtual;
    }

    /** On the platform thread holding {@code slot}: a virtual thread takes the slot over, and this one ends. */
    private void startVirtual(Slot slot) {
        slot.watch.mdcCell = null;
        startHolder(slot);
    }

    /** A new virtual thread takes {@code slot} and runs the worker loop on it. */
    private void startHolder(Slot slot) {
        Thread t = VirtualThreads.worker(name, () -> {
            HELD.set(slot);
            loop(slot);
        });
        slot.holder = t;
        t.start();
    }

    /**
     * On a virtual worker whose handler is suspending: its slot goes to a spare thread (or a new one)
     * and this thread holds none until a resume hands it one ({@link #take(Slot)}).
     */
    void passOn(Slot slot) {
        HELD.remove();
        // the next holder's log context is not this thread's
        slot.watch.mdcCell = null;
        Spare spare = spares.poll();
        if (spare != null) {
            spareCount.decrementAndGet();
            slot.holder = spare.thread;
            spare.given = slot;
            LockSupport.unpark(spare.thread);
            return;
        }
        startHolder(slot);
    }

    /** On a virtual worker: it no longer holds its slot, which it has handed to {@code to}. */
    static void handTo(Slot slot, Thread to) {
        HELD.remove();
        slot.holder = to;
    }

    /** On a thread that stood in for an ending handler: it holds no slot any more. */
    static void release() {
        HELD.remove();
    }

    /** On a resumed handler's thread: it now holds {@code slot}. */
    static void take(Slot slot) {
        HELD.set(slot);
    }

    /** On a virtual thread that gave its slot away: waits as a spare for another; null when it should end. */
    private Slot awaitSlot() {
        if (stopped || spareCount.get() >= 2 * slots.length) {
            return null;
        }
        Spare me = new Spare(Thread.currentThread());
        spareCount.incrementAndGet();
        spares.offer(me);
        Slot s;
        while ((s = me.given) == null) {
            if (stopped) {
                if (spares.remove(me)) {
                    spareCount.decrementAndGet();
                    return null;
                }
                // taken at this moment: its slot is on the way
            }
            LockSupport.park(this);
        }
        HELD.set(s);
        return s;
    }

    void stop(long waitMillis) {
        stopped = true;
        for (Slot s : slots) {
            LockSupport.unpark(s.holder);
        }
        for (Spare s : spares) {
            LockSupport.unpark(s.thread);
        }
        for (Slot s : slots) {
            try {
                Thread t = s.holder;
                t.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A place in the pool: its watch, its next service and whether its thread is parked. */
    static final class Slot {

        private static final VarHandle PARKED;
        static final VarHandle NEXT;

        static {
            try {
                PARKED = MethodHandles.lookup().findVarHandle(Slot.class, "parked", boolean.class);
                NEXT = MethodHandles.lookup().findVarHandle(Slot.class, "next", ServiceCell.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile boolean parked;
        /** The service this slot's drain made runnable last; taken by this slot's holder or stolen. */
        volatile ServiceCell next;
        /** The thread holding it now. */
        volatile Thread holder;
        final MessageWatch watch;
        final Workers workers;

        Slot(Workers workers, String name) {
            this.workers = workers;
            this.watch = new MessageWatch(name);
        }

        ServiceCell takeNext() {
            return next == null ? null : (ServiceCell) NEXT.getAndSet(this, null);
        }

        /** Takes the right to wake this slot's thread, so two submits do not wake the same one. */
        boolean claim() {
            return PARKED.compareAndSet(this, true, false);
        }
    }

    private static final class Spare {
        final Thread thread;
        volatile Slot given;

        Spare(Thread thread) {
            this.thread = thread;
        }
    }

    /** Reactor refuses {@code block()} on these threads: a blocked worker would stall every service. */
    private static final class WorkerThread extends Thread implements NonBlocking {
        final Slot slot;

        WorkerThread(Slot slot) {
            super(() -> slot.workers.loop(slot), slot.watch.worker);
            this.slot = slot;
        }
    }
}

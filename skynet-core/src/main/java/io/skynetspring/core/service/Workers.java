package io.skynetspring.core.service;

import org.slf4j.Logger;
import reactor.core.scheduler.NonBlocking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker pool: threads that take services with mail from the global run queue and drain a
 * bounded batch from each. A service is in the queue at most once, so it never runs on two
 * threads at once. An idle worker spins briefly before it parks, because waking a parked thread
 * costs more than most messages take to handle; but only one worker in two may spin at a time, so
 * an idle pool does not take the cores that a database or the blocking threads on the same machine
 * need. A submit that sees a spinning worker leaves the service to it instead of waking one; the
 * spinner that finds work wakes a parked worker if more is queued.
 *
 * <p>A service that a worker's own drain makes runnable (the callee of a call, the other side of a
 * ping-pong) goes to that worker's {@code next} slot rather than the global queue: it runs on the
 * same core right after the current drain, with its caller's data still in cache and no other
 * worker woken. A run of slot hand-offs is bounded so the global queue is never starved, and an
 * idle worker steals a slot that waits behind a long drain.
 */
final class Workers {

    /**
     * Spin rounds before parking, adapted per worker: doubled when spinning found work, halved when
     * it did not, so a pool under a light load (a request every 100 µs) hardly spins at all.
     */
    private static final int MIN_SPINS = 16;
    private static final int MAX_SPINS = 1024;
    private static final long PARK_NANOS = 50_000_000L;
    /** Slot hand-offs in a row before the worker looks at the global queue first. */
    private static final int SLOT_RUN = 32;
    /** Idle rounds before a worker steals another's slot: the owner usually takes it sooner. */
    private static final int STEAL_AFTER = 64;

    private final ConcurrentLinkedQueue<ServiceCell> runQueue = new ConcurrentLinkedQueue<>();
    private final WorkerThread[] threads;
    private final AtomicInteger parked = new AtomicInteger();
    private final AtomicInteger spinning = new AtomicInteger();
    private final int maxSpinning;
    private final int batch;
    private final Logger log;
    private volatile boolean stopped;

    Workers(String name, int count, int batch, Logger log) {
        this.batch = batch;
        this.log = log;
        this.threads = new WorkerThread[count];
        this.maxSpinning = Math.max(1, count / 2);
        for (int i = 0; i < count; i++) {
            threads[i] = new WorkerThread(this, name + "-worker-" + i);
            threads[i].setDaemon(true);
        }
        for (WorkerThread t : threads) {
            t.start();
        }
    }

    /** A service that just became runnable. */
    void submit(ServiceCell cell) {
        if (Thread.currentThread() instanceof WorkerThread w && w.workers == this) {
            ServiceCell displaced = (ServiceCell) WorkerThread.NEXT.getAndSet(w, cell);
            if (displaced == null) {
                return;
            }
            cell = displaced;
        }
        requeue(cell);
    }

    /** A service that was drained and still has mail: to the back of the global queue, for fairness. */
    void requeue(ServiceCell cell) {
        runQueue.offer(cell);
        // a spinning worker will take it; it wakes another if it finds more than it can take
        if (spinning.get() == 0 && parked.get() > 0) {
            wakeOne();
        }
    }

    private void wakeOne() {
        for (WorkerThread t : threads) {
            if (t.parked && t.claim()) {
                LockSupport.unpark(t);
                return;
            }
        }
    }

    private void loop(WorkerThread self) {
        int idleRounds = 0;
        int slotRun = 0;
        while (!stopped) {
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
                if (self.spinning) {
                    self.spins = Math.min(MAX_SPINS, self.spins * 2);
                    stopSpinning(self);
                    // producers that saw this worker spinning woke nobody: pass the rest on
                    if (!runQueue.isEmpty() && parked.get() > 0) {
                        wakeOne();
                    }
                }
                idleRounds = 0;
                try {
                    cell.drain(batch, self.watch);
                } catch (Throwable t) {
                    log.error("[{}] worker failed while draining: {}", cell.address, t.toString(), t);
                }
                continue;
            }
            // past the spinning quota a worker stays up only to steal a slot that waits behind a drain
            if (!self.spinning && !startSpinning(self) && !slotsTaken()) {
                if (park(self)) {
                    idleRounds = 0;
                }
                continue;
            }
            if (++idleRounds < self.spins) {
                Thread.onSpinWait();
            } else {
                if (self.spinning) {
                    self.spins = Math.max(MIN_SPINS, self.spins / 2);
                    stopSpinning(self);
                }
                if (park(self)) {
                    idleRounds = 0;
                }
            }
        }
        if (self.spinning) {
            stopSpinning(self);
        }
    }

    private boolean startSpinning(WorkerThread self) {
        for (int s = spinning.get(); s < maxSpinning; s = spinning.get()) {
            if (spinning.compareAndSet(s, s + 1)) {
                self.spinning = true;
                return true;
            }
        }
        return false;
    }

    private void stopSpinning(WorkerThread self) {
        self.spinning = false;
        spinning.decrementAndGet();
    }

    private ServiceCell steal(WorkerThread self) {
        for (WorkerThread t : threads) {
            if (t != self) {
                ServiceCell c = t.takeNext();
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** False when it did not park: work came in, or a slot waits to be stolen. */
    private boolean park(WorkerThread self) {
        self.parked = true;
        parked.incrementAndGet();
        // re-check after announcing: a submit that missed the announcement left its cell here
        boolean park = runQueue.isEmpty() && !stopped && !slotsTaken();
        if (park) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        parked.decrementAndGet();
        self.parked = false;
        return park;
    }

    private boolean slotsTaken() {
        for (WorkerThread t : threads) {
            if (t.next != null) {
                return true;
            }
        }
        return false;
    }

    /** One per worker, for the endless-loop monitor. */
    MessageWatch[] watches() {
        MessageWatch[] w = new MessageWatch[threads.length];
        for (int i = 0; i < threads.length; i++) {
            w[i] = threads[i].watch;
        }
        return w;
    }

    void stop(long waitMillis) {
        stopped = true;
        for (WorkerThread t : threads) {
            LockSupport.unpark(t);
        }
        for (WorkerThread t : threads) {
            try {
                t.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reactor refuses {@code block()} on these threads: a blocked worker would stall every service. */
    private static final class WorkerThread extends Thread implements NonBlocking {

        private static final VarHandle PARKED;
        static final VarHandle NEXT;

        static {
            try {
                PARKED = MethodHandles.lookup().findVarHandle(WorkerThread.class, "parked", boolean.class);
                NEXT = MethodHandles.lookup().findVarHandle(WorkerThread.class, "next", ServiceCell.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile boolean parked;
        /** Counted in {@link Workers#spinning}; only this worker reads or writes it. */
        boolean spinning;
        /** This worker's spin rounds before it parks; only this worker reads or writes it. */
        int spins = MAX_SPINS / 4;
        /** The service this worker's drain made runnable last; taken by this worker or stolen. */
        volatile ServiceCell next;
        final MessageWatch watch;
        final Workers workers;

        WorkerThread(Workers workers, String name) {
            super(() -> workers.loop((WorkerThread) Thread.currentThread()), name);
            this.watch = new MessageWatch(name);
            this.workers = workers;
        }

        ServiceCell takeNext() {
            return next == null ? null : (ServiceCell) NEXT.getAndSet(this, null);
        }

        /** Takes the right to wake this worker, so two submits do not wake the same one. */
        boolean claim() {
            return PARKED.compareAndSet(this, true, false);
        }
    }
}

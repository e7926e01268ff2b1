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
 * costs more than most messages take to handle.
 *
 * <p>A service that a worker's own drain makes runnable (the callee of a call, the other side of a
 * ping-pong) goes to that worker's {@code next} slot rather than the global queue: it runs on the
 * same core right after the current drain, with its caller's data still in cache and no other
 * worker woken. A run of slot hand-offs is bounded so the global queue is never starved, and an
 * idle worker steals a slot that waits behind a long drain.
 */
final class Workers {

    private static final int SPINS = 256;
    private static final int YIELDS = 8;
    private static final long PARK_NANOS = 50_000_000L;
    /** Slot hand-offs in a row before the worker looks at the global queue first. */
    private static final int SLOT_RUN = 32;
    /** Idle rounds before a worker steals another's slot: the owner usually takes it sooner. */
    private static final int STEAL_AFTER = 64;

    private final ConcurrentLinkedQueue<ServiceCell> runQueue = new ConcurrentLinkedQueue<>();
    private final WorkerThread[] threads;
    private final AtomicInteger parked = new AtomicInteger();
    private final int batch;
    private final Logger log;
    private volatile boolean stopped;

    Workers(String name, int count, int batch, Logger log) {
        this.batch = batch;
        this.log = log;
        this.threads = new WorkerThread[count];
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
        if (parked.get() > 0) {
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
                idleRounds = 0;
                try {
                    cell.drain(batch, self.watch);
                } catch (Throwable t) {
                    log.error("[{}] worker failed while draining: {}", cell.address, t.toString(), t);
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

    private void park(WorkerThread self) {
        self.parked = true;
        parked.incrementAndGet();
        // re-check after announcing: a submit that missed the announcement left its cell here
        if (runQueue.isEmpty() && !stopped && !slotsTaken()) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        parked.decrementAndGet();
        self.parked = false;
    }

    private boolean slotsTaken() {
        for (WorkerThread t : threads) {
            if (t.next != null) {
                return true;
            }
        }
        return false;
    }

    /** On a worker: whether it has nothing queued for it, in its slot or the global queue. */
    boolean nothingElse() {
        return Thread.currentThread() instanceof WorkerThread w && w.next == null && runQueue.isEmpty();
    }

    /**
     * The service the calling thread is draining, or null between drains and on threads that are not
     * a drain. A sequential service's strand counts as its drain while it holds the baton.
     */
    static ServiceCell draining() {
        return Thread.currentThread() instanceof WorkerThread w ? w.watch.draining : Strand.standingIn();
    }

    /** The service the calling worker thread is draining; null on any other thread, strands included. */
    static ServiceCell workerDraining() {
        return Thread.currentThread() instanceof WorkerThread w ? w.watch.draining : null;
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

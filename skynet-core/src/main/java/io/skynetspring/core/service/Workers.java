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
 */
final class Workers {

    private static final int SPINS = 256;
    private static final int YIELDS = 8;
    private static final long PARK_NANOS = 50_000_000L;

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

    void submit(ServiceCell cell) {
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
        while (!stopped) {
            ServiceCell cell = runQueue.poll();
            if (cell != null) {
                idleRounds = 0;
                try {
                    cell.drain(batch, self.watch);
                } catch (Throwable t) {
                    log.error("[{}] worker failed while draining: {}", cell.address, t.toString(), t);
                }
                continue;
            }
            idleRounds++;
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

    private void park(WorkerThread self) {
        self.parked = true;
        parked.incrementAndGet();
        // re-check after announcing: a submit that missed the announcement left its cell here
        if (runQueue.isEmpty() && !stopped) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        parked.decrementAndGet();
        self.parked = false;
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

        static {
            try {
                PARKED = MethodHandles.lookup().findVarHandle(WorkerThread.class, "parked", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile boolean parked;
        final MessageWatch watch;

        WorkerThread(Workers workers, String name) {
            super(() -> workers.loop((WorkerThread) Thread.currentThread()), name);
            this.watch = new MessageWatch(name);
        }

        /** Takes the right to wake this worker, so two submits do not wake the same one. */
        boolean claim() {
            return PARKED.compareAndSet(this, true, false);
        }
    }
}

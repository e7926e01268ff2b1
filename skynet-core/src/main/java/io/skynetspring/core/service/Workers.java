package io.skynetspring.core.service;

import org.slf4j.Logger;
import reactor.core.scheduler.NonBlocking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The worker pool: threads that take services with mail from the global run queue and drain a
 * bounded batch from each. A service is in the queue at most once, so it never runs on two
 * threads at once.
 */
final class Workers {

    private final LinkedBlockingQueue<ServiceCell> runQueue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int batch;
    private final Logger log;
    private volatile boolean stopped;

    Workers(String name, int count, int batch, Logger log) {
        this.batch = batch;
        this.log = log;
        for (int i = 0; i < count; i++) {
            Thread t = new WorkerThread(this::loop, name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    void submit(ServiceCell cell) {
        runQueue.offer(cell);
    }

    private void loop() {
        while (!stopped) {
            ServiceCell cell;
            try {
                cell = runQueue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (cell == null) {
                continue;
            }
            try {
                cell.drain(batch);
            } catch (Throwable t) {
                log.error("[{}] worker failed while draining: {}", cell.address, t.toString(), t);
            }
        }
    }

    void stop(long waitMillis) {
        stopped = true;
        for (Thread t : threads) {
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
        WorkerThread(Runnable r, String name) {
            super(r, name);
        }
    }
}

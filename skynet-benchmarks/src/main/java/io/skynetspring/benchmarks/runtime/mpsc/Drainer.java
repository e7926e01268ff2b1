package io.skynetspring.benchmarks.runtime.mpsc;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscUnboundedArrayQueue;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread draining one JCTools MPSC queue into a handler: the least a mailbox can cost. When
 * idle it spins briefly, then yields, then parks for short spells, so an idle drainer does not
 * take a whole core from the sender on a 2-core machine; senders never pay for a wake-up (a
 * round's first message may wait up to a millisecond, noise next to a round's length).
 */
final class Drainer<T> implements AutoCloseable {

    private static final int CHUNK = 1024;

    private final MpscUnboundedArrayQueue<T> queue = new MpscUnboundedArrayQueue<>(CHUNK);
    private final Thread thread;
    private volatile boolean running = true;

    Drainer(String name, Consumer<T> handler) {
        MessagePassingQueue.Consumer<T> consumer = handler::accept;
        thread = new Thread(() -> {
            int idle = 0;
            while (running) {
                if (queue.drain(consumer) > 0) {
                    idle = 0;
                } else {
                    idle = Idle.pause(idle);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    void offer(T message) {
        queue.offer(message);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    /**
     * Spin, then yield, then park for short spells, then for long ones: one step per empty poll.
     * The long spells keep idle drainers (five per trial) from waking thousands of times a
     * millisecond while another workload is measured.
     */
    static final class Idle {

        private Idle() {
        }

        static int pause(int idle) {
            if (idle < 1_000) {
                Thread.onSpinWait();
            } else if (idle < 1_100) {
                Thread.yield();
            } else if (idle < 1_200) {
                LockSupport.parkNanos(20_000);
            } else {
                LockSupport.parkNanos(1_000_000);
            }
            return idle + 1;
        }
    }
}

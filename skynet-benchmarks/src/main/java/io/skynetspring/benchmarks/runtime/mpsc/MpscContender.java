package io.skynetspring.benchmarks.runtime.mpsc;

import io.skynetspring.benchmarks.runtime.Contender;
import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.Sizes;
import io.skynetspring.benchmarks.runtime.Tally;
import org.jctools.queues.SpscArrayQueue;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * The near-limit reference: bare JCTools MPSC queues, each drained by its own thread, no runtime
 * around them. Calls from outside are a request queue drained by an echo thread and a reply queue
 * the caller spins on. Fan-out is one queue whose messages name one of the receivers' tallies,
 * drained by one thread (a thread per receiver would be a different, slower thing). There are no
 * services to call from, so {@link #callFromService()} does not apply.
 */
public final class MpscContender implements Contender {

    private final Finish finish = new Finish();
    private Sizes sizes;

    private Tally sinkTally;
    private Drainer<Integer> sink;
    private SpscArrayQueue<Integer> replies;
    private Drainer<Integer> echo;
    private Tally[] fanOutTallies;
    private Integer[] fanOutTargets;
    private Drainer<Integer> fanOut;
    private Tally paddleATally;
    private Tally paddleBTally;
    private Drainer<Integer> paddleA;
    private Drainer<Integer> paddleB;

    @Override
    public void start(Sizes sizes) {
        this.sizes = sizes;
        sinkTally = new Tally(finish, sizes.messages());
        sink = new Drainer<>("mpsc-sink", message -> sinkTally.hit());

        replies = new SpscArrayQueue<>(16);
        echo = new Drainer<>("mpsc-echo", replies::offer);

        fanOutTallies = new Tally[sizes.fanOutReceivers()];
        fanOutTargets = new Integer[sizes.fanOutReceivers()];
        for (int i = 0; i < fanOutTallies.length; i++) {
            fanOutTallies[i] = new Tally(finish, sizes.fanOutEach());
            // Boxed once here so the per-message path allocates no more than the others' PAYLOAD.
            fanOutTargets[i] = i;
        }
        fanOut = new Drainer<>("mpsc-fan-out", target -> fanOutTallies[target].hit());

        paddleATally = Tally.endless();
        paddleBTally = new Tally(finish, sizes.pingPongs() / 2);
        paddleA = new Drainer<>("mpsc-paddle-a", ball -> {
            paddleATally.hit();
            paddleB.offer(PAYLOAD);
        });
        paddleB = new Drainer<>("mpsc-paddle-b", ball -> {
            if (!paddleBTally.hit()) {
                paddleA.offer(PAYLOAD);
            }
        });
    }

    @Override
    public long oneWay() throws Exception {
        long before = sinkTally.received();
        finish.arm(1);
        for (int i = 0; i < sizes.messages(); i++) {
            sink.offer(PAYLOAD);
        }
        finish.await("mpsc one-way");
        return sinkTally.received() - before;
    }

    @Override
    public long callFromOutside() {
        long received = 0;
        for (int i = 0; i < sizes.calls(); i++) {
            echo.offer(PAYLOAD);
            int idle = 0;
            while (replies.poll() == null) {
                idle = Drainer.Idle.pause(idle);
            }
            received++;
        }
        return received;
    }

    @Override
    public long callFromService() {
        throw new UnsupportedOperationException("a bare queue has no services to call from");
    }

    @Override
    public boolean hasServices() {
        return false;
    }

    @Override
    public long fanOut() throws Exception {
        long before = sum();
        finish.arm(fanOutTallies.length);
        int receivers = fanOutTargets.length;
        for (int i = 0; i < sizes.fanOutTotal(); i++) {
            fanOut.offer(fanOutTargets[i % receivers]);
        }
        finish.await("mpsc fan-out");
        return sum() - before;
    }

    @Override
    public long pingPong() throws Exception {
        long before = paddleATally.received() + paddleBTally.received();
        finish.arm(1);
        paddleA.offer(PAYLOAD);
        finish.await("mpsc ping-pong");
        return paddleATally.received() + paddleBTally.received() - before;
    }

    private long sum() {
        long total = 0;
        for (Tally t : fanOutTallies) {
            total += t.received();
        }
        return total;
    }

    @Override
    public void close() throws Exception {
        for (Drainer<?> d : new Drainer<?>[] {sink, echo, fanOut, paddleA, paddleB}) {
            if (d != null) {
                d.close();
            }
        }
    }
}

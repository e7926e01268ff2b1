package io.skynetspring.benchmarks.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of one round of a workload: armed by the benchmark thread before it sends, told by the
 * receivers when their share has arrived, awaited with a deadline so a lost message fails loudly
 * instead of hanging the run.
 */
public final class Finish {

    private static final long DEADLINE_SECONDS = 120;

    private volatile CountDownLatch latch = new CountDownLatch(0);

    /** Starts a round that ends after {@code parties} arrivals. */
    public void arm(int parties) {
        latch = new CountDownLatch(parties);
    }

    public void arrive() {
        latch.countDown();
    }

    public void await(String what) throws InterruptedException, TimeoutException {
        if (!latch.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(what + " did not finish within " + DEADLINE_SECONDS
                    + " s; " + latch.getCount() + " receivers still waiting for messages");
        }
    }
}

package io.skynetspring.core.socket;

import java.time.Duration;

/**
 * A {@link ConnectionPool}'s state and counters at one moment, read in its service.
 *
 * <pre>{@code PoolStat s = pool.stat();  ctx.log("pool", s.backend(), "open", s.open(), "waiting", s.waiting());}</pre>
 *
 * @param backend         {@code host:port} the pool connects to
 * @param size            connections the pool keeps
 * @param idle            open connections waiting for a checkout
 * @param busy            connections checked out (or being probed)
 * @param connecting      connects in progress
 * @param retrying        slots pausing before their next connect (back-off)
 * @param waiting         checkouts waiting for a free connection
 * @param checkouts       checkouts served so far
 * @param timeouts        checkouts that failed because none was free in time
 * @param exchangeTimeouts exchanges through {@code use} that took longer than {@code exchangeTimeout}
 * @param refused         checkouts refused because {@code maxWaiters} were already waiting
 * @param connects        connects that succeeded
 * @param connectFailures connects that failed
 * @param reconnects      connect attempts made to replace a lost connection or after a failure
 * @param lost            connections taken out: closed, dropped by the peer, discarded, failed a probe
 * @param probeFailures   probes that failed, timed out or found the peer gone
 * @param lastBackoff     the most recent pause chosen before a reconnect ({@code ZERO} if none yet)
 */
public record PoolStat(String backend, int size, int idle, int busy, int connecting, int retrying, int waiting,
                       long checkouts, long timeouts, long exchangeTimeouts, long refused, long connects,
                       long connectFailures, long reconnects, long lost, long probeFailures, Duration lastBackoff) {

    /** Connections open now, idle or busy. */
    public int open() {
        return idle + busy;
    }
}

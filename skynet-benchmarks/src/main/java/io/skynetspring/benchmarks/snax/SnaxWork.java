package io.skynetspring.benchmarks.snax;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;

import java.time.Duration;

/**
 * What {@link SnaxBenchmark} measures, set up once: a snax {@link Tally} and a {@link PlainTally} doing
 * the same work, and a {@link Driver} service that calls either from inside the node.
 */
public final class SnaxWork implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Long ONE = 1L;

    private final SkynetRuntime rt;
    private final Address plain;
    private final SnaxHandle tally;
    private final Address driver;

    public SnaxWork() {
        rt = SkynetRuntime.start(NodeSettings.defaults());
        rt.template("plain", ctx -> new PlainTally());
        rt.template("driver", Driver::new);
        Snax snax = Snax.of(rt);
        plain = rt.newService("plain").block(WAIT);
        tally = snax.newService(Tally.class).block(WAIT);
        driver = rt.newService("driver").block(WAIT);
    }

    /** {@code n} sequential {@code ctx.call}s to the plain service from another service; the replies counted. */
    public long callsFromService(int n) {
        return rt.withTimeout(WAIT).call(driver, "call", Long.class, n, plain).block(WAIT);
    }

    /** {@code n} sequential {@code req}s to the snax service from another service; the replies counted. */
    public long reqsFromService(int n) {
        return rt.withTimeout(WAIT).call(driver, "req", Long.class, n, tally).block(WAIT);
    }

    /** One {@code call} from this thread, blocking for the reply (the running total). */
    public Object callFromOutside() {
        return rt.call(plain, "add", ONE).block(WAIT);
    }

    /** One {@code req} from this thread, blocking for the reply (the running total). */
    public Object reqFromOutside() {
        return tally.req("add", ONE).block(WAIT);
    }

    @Override
    public void close() {
        rt.shutdown(WAIT);
    }
}

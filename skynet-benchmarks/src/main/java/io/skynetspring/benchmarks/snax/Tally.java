package io.skynetspring.benchmarks.snax;

import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

/** The work of {@link SnaxBenchmark} as a snax service: add to a total and reply with it. */
@SnaxService("tally")
public class Tally {

    private long total;

    @Response
    public long add(long n) {
        total += n;
        return total;
    }
}

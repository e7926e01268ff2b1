package io.skynetspring.benchmarks.snax.ledger;

import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.util.HashMap;
import java.util.Map;

/** Checks that every sender's numbered requests arrive once and in order, across hotfixes. Version 0. */
@SnaxService("ledger")
public class Ledger {

    private final Map<Integer, Long> expected = new HashMap<>();
    private long received;
    private long duplicated;
    private long skipped;

    @Response
    public long take(int sender, long seq) {
        long want = expected.getOrDefault(sender, 0L);
        if (seq < want) {
            duplicated++;
        } else {
            skipped += seq - want;
            expected.put(sender, seq + 1);
        }
        received++;
        return seq;
    }

    @Response
    public LedgerState state() {
        return new LedgerState(received, duplicated, skipped);
    }

    @Response
    public int version() {
        return 0;
    }
}

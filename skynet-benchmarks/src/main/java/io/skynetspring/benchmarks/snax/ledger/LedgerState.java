package io.skynetspring.benchmarks.snax.ledger;

/** What the {@link Ledger} has seen: requests taken, and sequence numbers seen twice or never. */
public record LedgerState(long received, long duplicated, long skipped) {
}

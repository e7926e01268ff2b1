package io.skynetspring.benchmarks.runtime;

import io.skynetspring.core.service.Shareable;

import java.util.List;

/**
 * What one receiver has got: counts messages and tells a {@link Finish} each time a round of
 * {@code round} messages is complete. Touched only by the receiver's own thread or mailbox drain;
 * the benchmark thread reads {@link #received()} after the finish, which orders the reads. So it
 * is handed to its receiver as a {@code newService} argument as it is, not copied.
 */
@Shareable
public final class Tally {

    private final Finish finish;
    private final long round;
    private long left;
    private long received;

    public Tally(Finish finish, long round) {
        this.finish = finish;
        this.round = round;
        this.left = round;
    }

    /** A receiver that only counts and never ends a round, such as the far side of a ping-pong. */
    public static Tally endless() {
        return new Tally(new Finish(), Long.MAX_VALUE);
    }

    /** Counts one message; true when it completed a round. */
    public boolean hit() {
        received++;
        // A countdown rather than received % round: no division on the per-message path.
        if (--left == 0) {
            left = round;
            finish.arrive();
            return true;
        }
        return false;
    }

    public long received() {
        return received;
    }

    /** What all of {@code tallies} have got together. */
    public static long sum(List<Tally> tallies) {
        long total = 0;
        for (Tally t : tallies) {
            total += t.received();
        }
        return total;
    }
}

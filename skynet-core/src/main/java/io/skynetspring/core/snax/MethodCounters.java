package io.skynetspring.core.snax;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One method's call count and time in one service. Only the service's drain writes (plain adds
 * published with opaque stores), so counting costs no atomic; readers on other threads see values
 * at most a call behind, each field on its own.
 */
final class MethodCounters {

    private static final VarHandle COUNT;
    private static final VarHandle TOTAL;
    private static final VarHandle MAX;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(MethodCounters.class, "count", long.class);
            TOTAL = l.findVarHandle(MethodCounters.class, "total", long.class);
            MAX = l.findVarHandle(MethodCounters.class, "max", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through COUNT
    private long count;
    @SuppressWarnings("unused") // through TOTAL
    private long total;
    @SuppressWarnings("unused") // through MAX
    private long max;

    /** In the drain: one call that took {@code nanos}. */
    void record(long nanos) {
        TOTAL.setOpaque(this, (long) TOTAL.getOpaque(this) + nanos);
        if (nanos > (long) MAX.getOpaque(this)) {
            MAX.setOpaque(this, nanos);
        }
        // last, with release: a reader that sees the count sees the time of those calls
        COUNT.setRelease(this, (long) COUNT.getOpaque(this) + 1);
    }

    MethodProfile read(String method) {
        long n = (long) COUNT.getAcquire(this);
        return new MethodProfile(method, n, (long) TOTAL.getOpaque(this), (long) MAX.getOpaque(this));
    }
}

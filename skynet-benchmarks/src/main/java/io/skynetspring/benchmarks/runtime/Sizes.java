package io.skynetspring.benchmarks.runtime;

/**
 * How much work each workload does. The JMH benchmarks run {@link #FULL}; the smoke test runs the
 * same bodies with small sizes.
 *
 * <pre>{@code contender.start(Sizes.FULL); contender.oneWay();   // 1,000,000 messages}</pre>
 *
 * @param messages         one-way sends from one outside sender to one receiver
 * @param calls            sequential calls with a reply (from outside, and from inside a service)
 * @param fanOutReceivers  receivers of the fan-out workload
 * @param fanOutEach       messages each fan-out receiver gets
 * @param pingPongs        messages two services bounce in one round, the kick from outside included;
 *                         each side receives half
 */
public record Sizes(int messages, int calls, int fanOutReceivers, int fanOutEach, int pingPongs) {

    // Constants, not just FULL's fields, because @OperationsPerInvocation needs compile-time values.
    public static final int MESSAGES = 1_000_000;
    public static final int CALLS = 100_000;
    public static final int FAN_OUT_RECEIVERS = 1_000;
    public static final int FAN_OUT_EACH = 1_000;
    public static final int FAN_OUT_TOTAL = FAN_OUT_RECEIVERS * FAN_OUT_EACH;
    public static final int PING_PONGS = 1_000_000;

    public static final Sizes FULL = new Sizes(MESSAGES, CALLS, FAN_OUT_RECEIVERS, FAN_OUT_EACH, PING_PONGS);

    /** The one payload every runtime carries: a small cached Integer, so no workload allocates it. */
    public static final Integer PAYLOAD = 42;

    public Sizes {
        if (pingPongs % 2 != 0) {
            throw new IllegalArgumentException("pingPongs must be even (half each way), was " + pingPongs);
        }
    }

    public int fanOutTotal() {
        return fanOutReceivers * fanOutEach;
    }
}

package io.skynetspring.benchmarks.runtime;

/**
 * One runtime under test with the five workloads written in its own idiom. Each workload method
 * runs one round to completion and returns what the receivers counted, so the smoke test can check
 * that nothing was lost. Start and close once per JMH trial.
 *
 * <pre>{@code try (Contender c = new SkynetContender()) { c.start(Sizes.FULL); c.oneWay(); }}</pre>
 */
public interface Contender extends AutoCloseable {

    /** Starts the system and the receivers, callers and paddles the workloads talk to. */
    void start(Sizes sizes) throws Exception;

    /** One outside sender, one receiver: returns messages received. */
    long oneWay() throws Exception;

    /** Sequential calls from a thread outside the runtime: returns replies received. */
    long callFromOutside() throws Exception;

    /** Sequential calls from one service to another, started by one outside call: returns replies. */
    long callFromService() throws Exception;

    /** Round-robin sends from one outside thread to many receivers: returns messages received. */
    long fanOut() throws Exception;

    /** Two services bouncing one message: returns messages received by both. */
    long pingPong() throws Exception;

    /** Whether {@link #callFromService()} means anything here (the bare queue has no services). */
    default boolean hasServices() {
        return true;
    }

    @Override
    void close() throws Exception;
}

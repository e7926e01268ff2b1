package io.skynetspring.benchmarks.runtime.spawn;

/** Starts a runtime, then makes services or actors in bulk and sends each one message. */
interface Spawner extends AutoCloseable {

    /** The name that goes in the results. */
    String name();

    void start() throws Exception;

    /** Creates {@code n} services, sends each one message, returns when all have handled it. */
    void spawnAndPing(int n) throws Exception;

    @Override
    void close() throws Exception;
}

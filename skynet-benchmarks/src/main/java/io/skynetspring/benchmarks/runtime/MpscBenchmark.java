package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.mpsc.MpscContender;

/**
 * The near-limit reference: the workloads on bare MPSC queues (no calls from inside a service).
 * {@code java -jar benchmarks.jar MpscBenchmark -prof gc}
 */
public class MpscBenchmark extends RuntimeBenchmark {

    @Override
    protected Contender newContender() {
        return new MpscContender();
    }
}

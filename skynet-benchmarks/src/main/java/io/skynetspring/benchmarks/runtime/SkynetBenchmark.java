package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.skynet.SkynetContender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** The runtime workloads on skynet-spring's core runtime. {@code java -jar benchmarks.jar SkynetBenchmark -prof gc} */
public class SkynetBenchmark extends RuntimeBenchmark {

    @Override
    protected Contender newContender() {
        return new SkynetContender();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callFromService() throws Exception {
        return contender.callFromService();
    }
}

package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.pekko.PekkoContender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** The runtime workloads on Pekko typed actors. {@code java -jar benchmarks.jar PekkoBenchmark -prof gc} */
public class PekkoBenchmark extends RuntimeBenchmark {

    @Override
    protected Contender newContender() {
        return new PekkoContender();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callFromService() throws Exception {
        return contender.callFromService();
    }
}

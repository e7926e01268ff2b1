package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.vertx.VertxContender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** The runtime workloads on the Vert.x event bus. {@code java -jar benchmarks.jar VertxBenchmark -prof gc} */
public class VertxBenchmark extends RuntimeBenchmark {

    @Override
    protected Contender newContender() {
        return new VertxContender();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callFromService() throws Exception {
        return contender.callFromService();
    }
}

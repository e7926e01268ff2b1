package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.skynet.SkynetContender;
import io.skynetspring.core.service.Isolation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * What message isolation costs (docs/runtime.md, "Message isolation"): skynet-spring's workloads
 * with messages copied ({@code COPY}, the default) and passed as they are ({@code SHARE}). The
 * Integer workloads pay one ClassValue lookup per argument under COPY; the map workloads copy a
 * 4-entry {@code HashMap} argument and a 4-entry {@code HashMap} reply per call. Compare the two
 * settings within one run.
 * {@code java -jar benchmarks.jar IsolationBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IsolationBenchmark {

    @Param({"COPY", "SHARE"})
    public Isolation isolation;

    private SkynetContender contender;

    @Setup(Level.Trial)
    public void start() {
        contender = new SkynetContender(isolation);
        contender.start(Sizes.FULL);
    }

    @TearDown(Level.Trial)
    public void stop() {
        contender.close();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.MESSAGES)
    public long oneWay() throws Exception {
        return contender.oneWay();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callFromService() {
        return contender.callFromService();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long mapCallFromService() {
        return contender.mapCallFromService();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long mapCallFromOutside() {
        return contender.mapCallFromOutside();
    }
}

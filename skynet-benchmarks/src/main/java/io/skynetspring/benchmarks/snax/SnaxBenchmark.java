package io.skynetspring.benchmarks.snax;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * What snax costs per request: {@code req} to a snax service against a plain {@code call} of the same
 * work (add to a total, reply with it), from another service (10,000 sequential requests per
 * invocation) and from an outside thread (one blocking request). Compare pairs within one run.
 * {@code java -jar benchmarks.jar SnaxBenchmark -wi 2 -i 3 -f 1}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SnaxBenchmark {

    static final int CALLS = 10_000;

    private SnaxWork work;

    @Setup(Level.Trial)
    public void start() {
        work = new SnaxWork();
    }

    @TearDown(Level.Trial)
    public void stop() {
        work.close();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long callFromService() {
        return work.callsFromService(CALLS);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long reqFromService() {
        return work.reqsFromService(CALLS);
    }

    @Benchmark
    public Object callFromOutside() {
        return work.callFromOutside();
    }

    @Benchmark
    public Object reqFromOutside() {
        return work.reqFromOutside();
    }
}

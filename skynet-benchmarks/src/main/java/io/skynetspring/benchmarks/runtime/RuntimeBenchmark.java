package io.skynetspring.benchmarks.runtime;

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
 * The workloads every runtime runs; one subclass per runtime. Each invocation is a whole round
 * (a million messages, a hundred thousand calls), so scores are messages or calls per second and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes per message. The system is started and
 * stopped once per trial, never per invocation.
 */
@State(Scope.Benchmark)
// A fixed heap keeps GC sizing alike across runtimes. The common pool gets 2 threads because on a
// machine with 2 cores the JDK gives it 1, and CompletableFuture then runs every *Async stage on a
// new thread: Pekko's context.ask (pipeToSelf uses handleAsync) would start a thread per call.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class RuntimeBenchmark {

    protected Contender contender;

    protected abstract Contender newContender();

    @Setup(Level.Trial)
    public void start() throws Exception {
        contender = newContender();
        contender.start(Sizes.FULL);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        contender.close();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.MESSAGES)
    public long oneWay() throws Exception {
        return contender.oneWay();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callFromOutside() throws Exception {
        return contender.callFromOutside();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.FAN_OUT_TOTAL)
    public long fanOut() throws Exception {
        return contender.fanOut();
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.PING_PONGS)
    public long pingPong() throws Exception {
        return contender.pingPong();
    }
}

package io.skynetspring.core.service;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The price of message isolation on one thread, without the scheduling around it: what a message
 * pays as it crosses to another service (docs/runtime.md, "Message isolation"). It sits in
 * skynet-core's package to reach the package-private copier; {@code IsolationBenchmark} measures
 * the same through whole calls. {@code java -jar benchmarks.jar CrossingBenchmark -prof gc}
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CrossingBenchmark {

    private final Object[] integers = {42, 7L};
    private final Object[] text = {"player", "levelup", 1001L};
    private final Object[] record = {new Point(1, 2, "spawn")};
    private final Map<String, Object> fields = new HashMap<>(Map.of("id", 1001L, "name", "ann", "level", 7, "gold", 100));
    private final Object[] map = {fields};
    private final Object[] list = {new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8))};
    private final Object[] bytes = {new byte[256]};

    record Point(int x, int y, String label) {
    }

    /** Two boxed numbers: two ClassValue lookups, nothing allocated. */
    @Benchmark
    public Object[] twoNumbers() {
        return MessageCopy.args(integers);
    }

    @Benchmark
    public Object[] textAndNumber() {
        return MessageCopy.args(text);
    }

    @Benchmark
    public Object[] immutableRecord() {
        return MessageCopy.args(record);
    }

    /** A 4-entry HashMap of strings and numbers: the map of the map workloads. */
    @Benchmark
    public Object[] smallMap() {
        return MessageCopy.args(map);
    }

    /** The same map as a reply. */
    @Benchmark
    public Object smallMapReply() {
        return MessageCopy.reply(fields);
    }

    @Benchmark
    public Object[] listOfEight() {
        return MessageCopy.args(list);
    }

    @Benchmark
    public Object[] bytes256() {
        return MessageCopy.args(bytes);
    }
}

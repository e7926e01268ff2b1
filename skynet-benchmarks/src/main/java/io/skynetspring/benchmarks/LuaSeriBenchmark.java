package io.skynetspring.benchmarks;

import io.skynetspring.core.codec.LuaSeri;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * lua-seri on the cluster call path: a command and its arguments, and a 20-field table reply.
 * {@code java -jar skynet-benchmarks/target/benchmarks.jar LuaSeri -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class LuaSeriBenchmark {

    private final Long id = 1001L;
    private final Map<String, Object> player = player();
    private final byte[] callBytes = LuaSeri.pack("get_player", id);
    private final byte[] playerBytes = LuaSeri.pack(player);

    /** A player row as a db service returns it: ids, counters, names, flags and a float or two. */
    private static Map<String, Object> player() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", 1001L);
        p.put("name", "ann");
        p.put("level", 42L);
        p.put("exp", 1_234_567L);
        p.put("gold", 99_999L);
        p.put("diamond", 300L);
        p.put("vip", 3L);
        p.put("guild", "night watch");
        p.put("online", true);
        p.put("banned", false);
        p.put("x", 1024.5);
        p.put("y", -77.25);
        p.put("hp", 3_000L);
        p.put("mp", 1_500L);
        p.put("created", 1_764_720_000L);
        p.put("last_login", 1_764_806_400L);
        p.put("title", "dragon slayer");
        p.put("server", 7L);
        p.put("rank", 128L);
        p.put("speed", 1.25);
        return p;
    }

    @Benchmark
    public byte[] packCall() {
        return LuaSeri.pack("get_player", id);
    }

    @Benchmark
    public Object[] unpackCall() {
        return LuaSeri.unpack(callBytes);
    }

    @Benchmark
    public Object[] callRoundTrip() {
        return LuaSeri.unpack(LuaSeri.pack("get_player", id));
    }

    @Benchmark
    public byte[] packMap20() {
        return LuaSeri.pack(player);
    }

    @Benchmark
    public Object[] unpackMap20() {
        return LuaSeri.unpack(playerBytes);
    }

    @Benchmark
    public Object[] map20RoundTrip() {
        return LuaSeri.unpack(LuaSeri.pack(player));
    }
}

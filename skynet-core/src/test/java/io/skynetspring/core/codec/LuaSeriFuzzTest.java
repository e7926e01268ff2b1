package io.skynetspring.core.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the lua-seri decoder with Jazzer: on any bytes {@code unpack} either
 * succeeds or throws {@link LuaSeriException}, allocates at most a small multiple of the input, and
 * what it returns packs again to bytes that unpack to the same Lua values; converting the values
 * to a record fails, if at all, with {@link IllegalArgumentException}.
 *
 * <p>Its own surefire execution ({@code fuzz-luaseri}) sets {@code JAZZER_FUZZ=1}, so in
 * {@code verify} Jazzer mutates inputs for {@code luaseri.fuzz.duration} (see the pom); without it
 * the test replays the seeds in {@code LuaSeriFuzzTestInputs/hostileBytes}. Findings become plain
 * regression tests in {@link LuaSeriHostileTest}.
 */
class LuaSeriFuzzTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Item(String name, long count, List<Long> ids, Map<String, Item> children, byte[] blob, Double weight) {
    }

    @FuzzTest(maxDuration = "20s") // the pom sets jazzer.max_duration from luaseri.fuzz.duration
    void hostileBytes(byte[] input) {
        Object[][] decoded = new Object[1][];
        long allocated = allocatedBy(() -> decoded[0] = LuaSeri.unpack(input));
        // Generous: a missing length check allocates what a hostile length claims, up to 4 GiB.
        long budget = 1024 * 1024 + 64L * input.length;
        // Loading (and instrumenting) a class on a path's first use allocates too; a second run does not.
        if (allocated > budget && (allocated = allocatedBy(() -> LuaSeri.unpack(input))) > budget) {
            throw new AssertionError("unpack allocated " + allocated + " bytes for " + input.length
                    + " input bytes, budget " + budget);
        }
        if (decoded[0] == null) {
            return;
        }
        repack(decoded[0]);
        for (Object v : decoded[0]) {
            try {
                LuaValues.convert(v, Item.class);
            } catch (IllegalArgumentException expected) {
                // not an Item
            }
        }
    }

    /** Unpacked values pack (unless nested past skynet's limit) to bytes that unpack to the same values. */
    private static void repack(Object[] values) {
        byte[] bytes;
        try {
            bytes = LuaSeri.pack(values);
        } catch (LuaSeriException e) {
            if (e.getMessage().startsWith("serialize can't pack too depth table")) {
                return; // the decoder takes up to 128 levels, the packer stops at 32 as skynet does
            }
            throw new AssertionError("unpacked values do not pack: " + e.getMessage(), e);
        }
        Object[] again = LuaSeri.unpack(bytes);
        if (again.length != values.length) {
            throw new AssertionError(values.length + " values repacked as " + Hex.of(bytes) + " unpack to " + again.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!LuaTables.same(values[i], again[i])) {
                throw new AssertionError("value " + i + " " + values[i] + " repacked as " + Hex.of(bytes)
                        + " unpacks to " + again[i]);
            }
        }
    }

    /** Bytes the thread allocated while running {@code action}; a LuaSeriException is a result like any other. */
    private static long allocatedBy(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (LuaSeriException expected) {
            // hostile bytes rejected
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}

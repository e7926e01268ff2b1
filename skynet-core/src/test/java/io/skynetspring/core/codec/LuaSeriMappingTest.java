package io.skynetspring.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which Java values pack to which Lua values, and what unpacking gives back (the table in LuaSeri's Javadoc). */
class LuaSeriMappingTest {

    enum Color { RED, GREEN }

    record Point(int x, int y) {
    }

    record Player(long id, String name, Point pos, List<String> tags) {
    }

    /** A bean: its public getters become the table's fields, sorted by name. */
    public static class Account {
        public String getOwner() {
            return "ann";
        }

        public boolean isFrozen() {
            return true;
        }

        public long getBalance() {
            return 300;
        }

        public String getNote() {
            return null;
        }
    }

    private static String hex(Object... values) {
        return Hex.of(LuaSeri.pack(values));
    }

    private static Object roundTrip(Object value) {
        return LuaSeri.unpack(LuaSeri.pack(value))[0];
    }

    @Test
    void everyJavaIntegerTypeIsALuaIntegerAndComesBackAsLong() {
        assertThat(hex((short) 300, (byte) -1, 7, new AtomicInteger(1), new AtomicLong(1L << 40), BigInteger.TEN))
                .isEqualTo("12 2C 01 22 FF FF FF FF 0A 07 0A 01 32 00 00 00 00 00 01 00 00 0A 0A");
        assertThat(roundTrip(7)).isEqualTo(7L);
        assertThat(roundTrip(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> LuaSeri.pack(BigInteger.ONE.shiftLeft(63)))
                .isInstanceOf(LuaSeriException.class)
                .hasMessage("cannot pack BigInteger 9223372036854775808: outside a Lua integer's 64-bit range");
    }

    @Test
    void floatsTravelAsDoublesWithTheirBits() {
        assertThat(hex(0.5f)).isEqualTo(hex(0.5));
        double quietNanWithPayload = Double.longBitsToDouble(0x7FF8_0000_0000_1234L);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(quietNanWithPayload))).isEqualTo(0x7FF8_0000_0000_1234L);
        assertThat(roundTrip(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(hex(-0.0)).isEqualTo("42 00 00 00 00 00 00 00 80");
    }

    @Test
    void stringsAreUtf8BytesAndComeBackAsStringsOnlyWhenWellFormed() {
        assertThat(hex("é", 'é', Color.GREEN, new StringBuilder("ab"))).isEqualTo("14 C3 A9 14 C3 A9 2C 47 52 45 45 4E 14 61 62");
        assertThat(hex((Object) new byte[] {(byte) 0xFF, 0})).isEqualTo("14 FF 00");
        assertThat(LuaSeri.unpack(Hex.bytes("14 C3 A9 3C F0 9F 98 80 E2 82 AC"))).containsExactly("é", "😀€");
        // not UTF-8: a stray continuation byte, an overlong NUL, an encoded surrogate, past U+10FFFF, cut short
        for (String bad : List.of("0C FF", "14 C0 80", "1C ED A0 80", "24 F4 90 80 80", "14 E2 82")) {
            Object v = LuaSeri.unpack(Hex.bytes(bad))[0];
            assertThat(v).as(bad).isInstanceOf(byte[].class);
            assertThat(Hex.of(LuaSeri.pack(v))).as("packs back unchanged").isEqualTo(bad);
        }
    }

    @Test
    void mapsPutTheirKeys1ToKInTheArrayPartAndTheRestInTheHashPart() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("n", 2L);
        m.put(2, "b");     // an Integer key counts as the Lua integer 2
        m.put(1L, "a");
        m.put(4L, "d");    // after the gap at 3: hash part
        m.put("skip", null); // a Lua table holds no nil
        assertThat(hex(m)).isEqualTo("16 0C 61 0C 62 0C 6E 0A 02 0A 04 0C 64 00");
        assertThat(roundTrip(m)).isEqualTo(Map.of(1L, "a", 2L, "b", "n", 2L, 4L, "d"));
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> LuaSeri.pack(nullKey)).hasMessageContaining("null key");
        assertThatThrownBy(() -> LuaSeri.pack(Map.of(Double.NaN, 1L))).hasMessageContaining("NaN key");
    }

    @Test
    void listsArraysAndSetsAreArraysWithNilHoles() {
        assertThat(hex(Arrays.asList("a", null, "c"))).isEqualTo("1E 0C 61 00 0C 63 00");
        assertThat(roundTrip(Arrays.asList("a", null, "c"))).isEqualTo(Arrays.asList("a", null, "c"));
        assertThat(hex(new int[] {1, 2}, new long[] {3}, new double[] {0.5}, new boolean[] {true}, new String[] {"x"},
                new LinkedHashSet<>(List.of(5L, 6L))))
                .isEqualTo("16 0A 01 0A 02 00 0E 0A 03 00 0E 42 00 00 00 00 00 00 E0 3F 00 0E 09 00 0E 0C 78 00"
                        + " 16 0A 05 0A 06 00");
    }

    @Test
    void recordsAndBeansAreTablesOfTheirFields() {
        Player p = new Player(7, "ann", new Point(1, -2), List.of("a"));
        assertThat(hex(p)).isEqualTo("06 14 69 64 0A 07 24 6E 61 6D 65 1C 61 6E 6E 1C 70 6F 73"
                + " 06 0C 78 0A 01 0C 79 22 FE FF FF FF 00 24 74 61 67 73 0E 0C 61 00 00");
        assertThat(roundTrip(p)).isEqualTo(Map.of("id", 7L, "name", "ann", "pos", Map.of("x", 1L, "y", -2L),
                "tags", List.of("a")));
        assertThat(roundTrip(new Player(8, null, null, null))).isEqualTo(Map.of("id", 8L));
        assertThat(roundTrip(new Account())).isEqualTo(Map.of("balance", 300L, "frozen", true, "owner", "ann"));
    }

    @Test
    void whatLuaCannotHoldIsRefusedByName() {
        Runnable lambda = () -> { };
        for (Object v : List.of(Optional.empty(), lambda, new Thread(), new Object(), java.time.Duration.ZERO)) {
            assertThatThrownBy(() -> LuaSeri.pack("ok", v))
                    .isInstanceOf(LuaSeriException.class)
                    .hasMessageStartingWith("cannot pack " + v.getClass().getName());
        }
    }

    @Test
    void lightUserdataIsKeptAsAnOpaquePointer() {
        byte[] wire = Hex.bytes("03 88 77 66 55 44 33 22 11");
        Object[] v = LuaSeri.unpack(wire);
        assertThat(v).containsExactly(new LuaSeri.LightUserdata(0x1122334455667788L));
        assertThat(LuaSeri.pack(v)).isEqualTo(wire);
    }

    @Test
    void theHashPartWorksAsLuaAssignmentsDo() {
        // [1]=1 [2]=2 in the array, then the pair 1 -> 9 replaces item 1; x -> nil adds nothing
        assertThat(LuaSeri.unpack(Hex.bytes("16 0A 01 0A 02 0A 01 0A 09 0C 78 00 00"))[0])
                .isEqualTo(Map.of(1L, 9L, 2L, 2L));
        // a float key with an integral value is the integer key, as in Lua
        assertThat(LuaSeri.unpack(Hex.bytes("06 42 00 00 00 00 00 00 F0 3F 09 00"))[0]).isEqualTo(Map.of(1L, true));
        // nil items of the array part are no entries once there is a hash part
        assertThat(LuaSeri.unpack(Hex.bytes("16 00 0A 02 0C 78 09 00"))[0]).isEqualTo(Map.of(2L, 2L, "x", true));
    }

    @Test
    void unpackReadsASliceAndCountsErrorOffsetsFromItsStart() {
        byte[] frame = Hex.bytes("FF FF 0C 61 0A 05 FF");
        assertThat(LuaSeri.unpack(frame, 2, 4)).containsExactly("a", 5L);
        assertThatThrownBy(() -> LuaSeri.unpack(frame, 2, 5))
                .hasMessage("Invalid serialize stream at byte 4: type 7 does not exist (type byte FF)");
        assertThatThrownBy(() -> LuaSeri.unpack(frame, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}

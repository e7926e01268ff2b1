package io.skynetspring.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of lua-seri.md section 7 (printed by a real skynet), byte for byte both ways,
 * the stream rules of section 1, the nesting limit of section 4 and the traps of section 8.
 */
class LuaSeriSpecTest {

    /** {@code values} pack to exactly {@code hex}, and {@code hex} unpacks to exactly {@code values}. */
    private static void wire(String hex, Object... values) {
        assertThat(Hex.of(LuaSeri.pack(values))).isEqualTo(Hex.of(Hex.bytes(hex)));
        assertThat(LuaSeri.unpack(Hex.bytes(hex))).containsExactly(values);
    }

    private static Map<Object, Object> table(Object... keysAndValues) {
        Map<Object, Object> t = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            t.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return t;
    }

    private static List<Object> array(int n, java.util.function.IntFunction<Object> item) {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(item.apply(i));
        }
        return out;
    }

    /** 1..n as one-byte integers: 0A 01 0A 02 ... */
    private static String smallInts(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            out.append(String.format(" 0A %02X", i));
        }
        return out.toString();
    }

    private static String repeat(String hexByte, int n) {
        return (" " + hexByte).repeat(n);
    }

    @Test
    void scalarsAndSmallTablesMatchSkynet() {
        wire("0A 01", 1L);
        wire("14 68 69", "hi");
        wire("16 0A 01 0A 02 0C 78 0A 03 00", table(1L, 1L, 2L, 2L, "x", 3L));
        wire("00 09 42 00 00 00 00 00 00 0C 40", null, true, 3.5);
        wire("06 0C 78 06 0C 79 0A 01 00 00", table("x", table("y", 1L)));
        wire("0C 61 16 0A 0A 0A 14 00", "a", List.of(10L, 20L));
        wire("02", 0L);
        wire("01", false);
        wire("04", "");
        wire("06 00", List.of());
        wire("06 42 00 00 00 00 00 00 F8 3F 09 00", table(1.5, true));
        // a table whose __pairs yields k -> "v": a Java map with that one entry
        wire("06 0C 6B 0C 76 00", table("k", "v"));
    }

    @Test
    void integersTakeTheFormSkynetChecksInOrder() {
        wire("0A FF", 255L);
        wire("12 00 01", 256L);
        wire("12 FF FF", 65535L);
        wire("22 00 00 01 00", 65536L);
        wire("22 FF FF FF 7F", 0x7FFFFFFFL);
        wire("32 00 00 00 80 00 00 00 00", 0x80000000L);
        wire("22 FF FF FF FF", -1L);
        wire("22 00 00 00 80", -(1L << 31));
        wire("32 FF FF FF 7F FF FF FF FF", -(1L << 31) - 1);
        wire("32 00 00 00 00 00 00 00 80", Long.MIN_VALUE);
        wire("32 FF FF FF FF FF FF FF 7F", Long.MAX_VALUE);
    }

    @Test
    void floatsAlwaysTakeTheFloatForm() {
        wire("42 00 00 00 00 00 00 F0 3F", 1.0);
        wire("42 00 00 00 00 00 00 E0 BF", -0.5);
    }

    @Test
    void stringLengthsChooseShortU16AndU32Forms() {
        String s31 = "s".repeat(31);
        String s32 = "s".repeat(32);
        wire("FC" + repeat("73", 31), s31);
        wire("15 20 00" + repeat("73", 32), s32);
        String s65535 = "s".repeat(65535);
        String s65536 = "s".repeat(65536);
        wire("15 FF FF" + repeat("73", 65535), s65535);
        wire("25 00 00 01 00" + repeat("73", 65536), s65536);
    }

    @Test
    void arraySizesFrom31OnArePackedNumbers() {
        wire("F6" + smallInts(30) + " 00", array(30, i -> (long) i));
        wire("FE 0A 1F" + smallInts(31) + " 00", array(31, i -> (long) i));
        wire("FE 12 2C 01" + repeat("09", 300) + " 00", array(300, i -> true));
    }

    @Test
    void aStreamIsItsValuesInOrderNilsIncluded() {
        wire("00 00", null, null);
        assertThat(LuaSeri.unpack(Hex.bytes("00 00"))).hasSize(2);
        wire("0C 61 00 00", "a", null, null);
        assertThat(LuaSeri.pack()).isEmpty();
        assertThat(LuaSeri.unpack(new byte[0])).isEmpty();
    }

    @Test
    void nestingLimitIs32TablesAroundAScalarAndAnEmpty33rdTable() {
        assertThat(LuaSeri.unpack(LuaSeri.pack(nested(32, List.of(7L))))).containsExactly(nested(32, List.of(7L)));
        assertThatThrownBy(() -> LuaSeri.pack(nested(33, List.of(7L))))
                .isInstanceOf(LuaSeriException.class)
                .hasMessageStartingWith("serialize can't pack too depth table");
        byte[] empty33 = LuaSeri.pack(nested(33, List.of()));
        assertThat(LuaSeri.unpack(empty33)).containsExactly(nested(33, List.of()));
        // maps, arrays and records are tables too
        Map<Object, Object> deepMap = table("k", 1L);
        for (int i = 1; i < 33; i++) {
            deepMap = table("k", deepMap);
        }
        Map<Object, Object> tooDeep = deepMap;
        assertThatThrownBy(() -> LuaSeri.pack(tooDeep)).hasMessageStartingWith("serialize can't pack too depth table");
        Object[] arrays = {new long[] {1}};
        for (int i = 1; i < 33; i++) {
            arrays = new Object[] {arrays};
        }
        Object[] deepArrays = arrays;
        assertThatThrownBy(() -> LuaSeri.pack((Object) deepArrays)).hasMessageStartingWith("serialize can't pack too depth");
    }

    @Test
    void aListThatContainsItselfFailsAtTheDepthLimit() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> LuaSeri.pack(loop))
                .isInstanceOf(LuaSeriException.class)
                .hasMessageContaining("serialize can't pack too depth table")
                .hasMessageContaining("contain itself");
    }

    /** {@code inner} wrapped in lists until it is the innermost of {@code tables} nested tables. */
    private static List<?> nested(int tables, List<?> inner) {
        List<?> v = inner;
        for (int i = 1; i < tables; i++) {
            v = List.of(v);
        }
        return v;
    }

    // --- section 8: easy to get wrong --------------------------------------------------------------

    @Test
    void cookie4IsSignedAndTheTopHalfOf32BitsTakesEightBytes() {
        assertThat(LuaSeri.unpack(Hex.bytes("22 FE FF FF FF"))).containsExactly(-2L);
        assertThat(Hex.of(LuaSeri.pack(0xFFFFFFFFL))).isEqualTo("32 FF FF FF FF 00 00 00 00");
        assertThat(Hex.of(LuaSeri.pack(0x80000001))).isEqualTo("22 01 00 00 80"); // an int: -2147483647
    }

    @Test
    void anIntegralDoubleStaysAFloat() {
        assertThat(Hex.of(LuaSeri.pack(2.0))).isEqualTo("42 00 00 00 00 00 00 00 40");
        assertThat(Hex.of(LuaSeri.pack(0.0))).isEqualTo("42 00 00 00 00 00 00 00 00");
        assertThat(Hex.of(LuaSeri.pack(2.0f))).isEqualTo("42 00 00 00 00 00 00 00 40");
        assertThat(LuaSeri.unpack(LuaSeri.pack(2.0))[0]).isInstanceOf(Double.class).isEqualTo(2.0);
    }

    @Test
    void everyEmptyTableHasItsEndMark() {
        assertThat(Hex.of(LuaSeri.pack(List.of(), Map.of(), new Object[0], new int[0], Collections.emptySet())))
                .isEqualTo("06 00 06 00 06 00 06 00 06 00");
        assertThatThrownBy(() -> LuaSeri.unpack(Hex.bytes("06")))
                .isInstanceOf(LuaSeriException.class)
                .hasMessageContaining("end mark");
    }

    @Test
    void aLargeArraySizeIsAPackedIntegerNotARawInt() {
        byte[] packed = LuaSeri.pack(Collections.nCopies(0x10000, 0L));
        assertThat(Hex.of(Arrays.copyOf(packed, 6))).isEqualTo("FE 22 00 00 01 00");
        // non-minimal forms decode too (section 3): size 31 as an int32, "a" as a u16-length string
        assertThat(LuaSeri.unpack(Hex.bytes("FE 22 1F 00 00 00" + repeat("01", 31) + " 00"))[0])
                .isEqualTo(Collections.nCopies(31, false));
        assertThat(LuaSeri.unpack(Hex.bytes("15 01 00 61 25 01 00 00 00 62 22 05 00 00 00")))
                .containsExactly("a", "b", 5L);
    }

    @Test
    void trailingNullsAndAnEmptyBodyAreKeptApart() {
        assertThat(LuaSeri.pack("get", null)).hasSize(5);
        assertThat(LuaSeri.unpack(LuaSeri.pack("get", null))).containsExactly("get", null);
        assertThat(LuaSeri.unpack(LuaSeri.pack((Object) null))).containsExactly((Object) null);
        assertThat(LuaSeri.unpack(LuaSeri.pack())).isEmpty();
    }
}

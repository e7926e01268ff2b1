package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every wire rule of sections 2 and 3, with vectors derived by hand from the spec. */
class WireRulesTest {

    private static final String SCHEMA = """
            .All {
                i 0 : integer
                b 1 : boolean
                s 2 : string
                bin 3 : binary
                d 4 : double
                dec 5 : integer(3)
                ia 6 : *integer
                ba 7 : *boolean
                da 8 : *double
                deca 9 : *integer(1)
                bina 10 : *binary
                z 11 : integer(0)
            }
            .Small { b 1 : boolean }
            """;

    private final Sproto sp = Sproto.parse(SCHEMA);
    private final Sproto item = Sproto.parse(SpecExamplesTest.ITEM_SCHEMA);

    private String encode(String field, Object value) {
        return Hex.of(sp.encode("All", Map.of(field, value)));
    }

    private Map<String, Object> decode(String hex) {
        return sp.decode("All", Hex.bytes(hex));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 01 00 02 00",
            "1, 01 00 04 00",
            "32766, 01 00 FE FF",
            "32767, 01 00 00 00 04 00 00 00 FF 7F 00 00",
            "-1, 01 00 00 00 04 00 00 00 FF FF FF FF",
            "2147483647, 01 00 00 00 04 00 00 00 FF FF FF 7F",
            "-2147483648, 01 00 00 00 04 00 00 00 00 00 00 80",
            "2147483648, 01 00 00 00 08 00 00 00 00 00 00 80 00 00 00 00",
            "-2147483649, 01 00 00 00 08 00 00 00 FF FF FF 7F FF FF FF FF",
            "9223372036854775807, 01 00 00 00 08 00 00 00 FF FF FF FF FF FF FF 7F",
            "-9223372036854775808, 01 00 00 00 08 00 00 00 00 00 00 00 00 00 00 80",
    })
    void integersAreInlineOnlyFrom0To0x7ffeElse32Or64BitBlocks(long value, String hex) {
        assertThat(encode("i", value)).isEqualTo(hex);
        assertThat(decode(hex)).isEqualTo(Map.of("i", value));
    }

    @Test
    void integerAcceptsIntShortByteAndBigIntegerAndDecodesAsLong() {
        assertThat(encode("i", 5)).isEqualTo("01 00 0C 00");
        assertThat(encode("i", (short) 5)).isEqualTo("01 00 0C 00");
        assertThat(encode("i", (byte) 5)).isEqualTo("01 00 0C 00");
        assertThat(encode("i", java.math.BigInteger.valueOf(5))).isEqualTo("01 00 0C 00");
        assertThat(decode("01 00 0C 00").get("i")).isInstanceOf(Long.class).isEqualTo(5L);
    }

    @Test
    void booleansAreAlwaysInlineFalseIncluded() {
        assertThat(encode("b", false)).isEqualTo("02 00 01 00 02 00");
        assertThat(encode("b", true)).isEqualTo("02 00 01 00 04 00");
        assertThat(decode("02 00 01 00 02 00")).isEqualTo(Map.of("b", false));
        assertThat(decode("02 00 01 00 04 00")).isEqualTo(Map.of("b", true));
        assertThat(decode("02 00 01 00 06 00")).as("any non-zero inline value is true").isEqualTo(Map.of("b", true));
    }

    @Test
    void stringsAreRawUtf8Blocks() {
        assertThat(encode("s", "")).isEqualTo("02 00 03 00 00 00 00 00 00 00");
        assertThat(encode("s", "é€😀")).isEqualTo("02 00 03 00 00 00 09 00 00 00 C3 A9 E2 82 AC F0 9F 98 80");
        assertThat(decode("02 00 03 00 00 00 09 00 00 00 C3 A9 E2 82 AC F0 9F 98 80")).isEqualTo(Map.of("s", "é€😀"));
        assertThat(decode("02 00 03 00 00 00 00 00 00 00")).isEqualTo(Map.of("s", ""));
    }

    @Test
    void binaryKeepsZeroBytes() {
        assertThat(encode("bin", new byte[] {0, 1, 0})).isEqualTo("02 00 05 00 00 00 03 00 00 00 00 01 00");
        assertThat((byte[]) decode("02 00 05 00 00 00 03 00 00 00 00 01 00").get("bin")).containsExactly(0, 1, 0);
    }

    @Test
    void doublesAreAlwaysEightByteBlocksEvenZero() {
        assertThat(encode("d", 0.0)).isEqualTo("02 00 07 00 00 00 08 00 00 00 00 00 00 00 00 00 00 00");
        assertThat(encode("d", -2.5)).isEqualTo("02 00 07 00 00 00 08 00 00 00 00 00 00 00 00 00 04 C0");
        assertThat(decode("02 00 07 00 00 00 08 00 00 00 00 00 00 00 00 00 04 C0")).isEqualTo(Map.of("d", -2.5));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1.5, 02 00 09 00 BA 0B",
            "0.0625, 02 00 09 00 80 00",
            "-0.0625, 02 00 09 00 00 00 04 00 00 00 C1 FF FF FF",
            "5000000, 02 00 09 00 00 00 08 00 00 00 00 F2 05 2A 01 00 00 00",
    })
    void decimalsScaleAndRoundHalfAwayFromZero(double value, String hex) {
        assertThat(encode("dec", value)).isEqualTo(hex);
    }

    @Test
    void decimalsDecodeAsDoubleDividedByTheScale() {
        assertThat(decode("02 00 09 00 BA 0B").get("dec")).isInstanceOf(Double.class).isEqualTo(1.5);
        assertThat(decode("02 00 09 00 00 00 04 00 00 00 C1 FF FF FF")).isEqualTo(Map.of("dec", -0.063));
    }

    @Test
    void decimalRoundingFollowsTheDoubleProductAsTheSpecShows() {
        assertThat(Hex.of(item.encode("Item", Map.of("price", 0.125)))).isEqualTo("02 00 03 00 1C 00");
        assertThat(Hex.of(item.encode("Item", Map.of("price", 1.005)))).isEqualTo("02 00 03 00 CA 00");
        assertThat(Hex.of(item.encode("Item", Map.of("price", 1.82)))).isEqualTo("02 00 03 00 6E 01");
        assertThat(item.decode("Item", Hex.bytes("02 00 03 00 6E 01"))).isEqualTo(Map.of("price", 1.82));
    }

    @Test
    void integerZeroPlacesIsStillADecimal() {
        assertThat(encode("z", 2.5)).isEqualTo("02 00 15 00 08 00");
        assertThat(decode("02 00 15 00 08 00").get("z")).isInstanceOf(Double.class).isEqualTo(3.0);
    }

    @Test
    void decimalRejectsNonFiniteValues() {
        assertThatThrownBy(() -> encode("dec", Double.NaN))
                .isInstanceOf(SprotoException.class).hasMessageContaining("cannot encode NaN as integer(3)");
    }

    @Test
    void integerArraysUse32BitWidthUnlessAnElementNeeds64() {
        String narrow = "02 00 0B 00 00 00 09 00 00 00 04 FF FF FF 7F 00 00 00 80";
        assertThat(encode("ia", List.of(2147483647L, -2147483648L))).isEqualTo(narrow);
        assertThat(decode(narrow)).isEqualTo(Map.of("ia", List.of(2147483647L, -2147483648L)));
        String wide = "02 00 0B 00 00 00 09 00 00 00 08 00 00 00 80 00 00 00 00";
        assertThat(encode("ia", List.of(2147483648L))).isEqualTo(wide);
        assertThat(decode(wide)).isEqualTo(Map.of("ia", List.of(2147483648L)));
    }

    @Test
    void booleanArraysUseOneBytePerElement() {
        assertThat(encode("ba", List.of(true, false, true))).isEqualTo("02 00 0D 00 00 00 03 00 00 00 01 00 01");
        assertThat(decode("02 00 0D 00 00 00 03 00 00 00 01 00 07")).isEqualTo(Map.of("ba", List.of(true, false, true)));
    }

    @Test
    void doubleArraysAlwaysUseWidth8() {
        assertThat(encode("da", List.of(1.0))).isEqualTo("02 00 0F 00 00 00 09 00 00 00 08 00 00 00 00 00 00 F0 3F");
        assertThat(decode("02 00 0F 00 00 00 09 00 00 00 08 00 00 00 00 00 00 F0 3F")).isEqualTo(Map.of("da", List.of(1.0)));
    }

    @Test
    void decimalArraysRoundEachElement() {
        assertThat(encode("deca", List.of(0.5, -0.25))).isEqualTo("02 00 11 00 00 00 09 00 00 00 04 05 00 00 00 FD FF FF FF");
        assertThat(decode("02 00 11 00 00 00 09 00 00 00 04 05 00 00 00 FD FF FF FF")).isEqualTo(Map.of("deca", List.of(0.5, -0.3)));
    }

    @Test
    void binaryArraysAreBlocksOfBlocks() {
        String hex = "02 00 13 00 00 00 09 00 00 00 00 00 00 00 01 00 00 00 00";
        assertThat(encode("bina", List.of(new byte[0], new byte[] {0}))).isEqualTo(hex);
        @SuppressWarnings("unchecked")
        List<byte[]> back = (List<byte[]>) decode(hex).get("bina");
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEmpty();
        assertThat(back.get(1)).containsExactly(0);
    }

    @Test
    void emptyArraysOfEveryElementTypeAreEmptyBlocks() {
        for (String field : List.of("ia", "ba", "da", "deca", "bina")) {
            String hex = encode(field, List.of());
            assertThat(hex).endsWith("00 00 00 00 00 00");
            assertThat(decode(hex)).isEqualTo(Map.of(field, List.of()));
        }
        assertThat(decode("02 00 0B 00 00 00 01 00 00 00 04")).as("width byte alone").isEqualTo(Map.of("ia", List.of()));
    }

    @Test
    void severalFieldsWithSkippedTagsInAscendingOrder() {
        Map<String, Object> value = map("i", 1L, "d", 0.5, "z", 1.0);
        String hex = "05 00 04 00 05 00 00 00 0B 00 04 00 08 00 00 00 00 00 00 00 00 00 E0 3F";
        assertThat(Hex.of(sp.encode("All", value))).isEqualTo(hex);
        assertThat(decode(hex)).isEqualTo(value);
    }

    @Test
    void emptyStructIsTwoZeroBytesAndMissingFieldsStayAbsent() {
        assertThat(Hex.of(sp.encode("All", Map.of()))).isEqualTo("00 00");
        assertThat(decode("00 00")).isEmpty();
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("i", null);
        assertThat(Hex.of(sp.encode("All", withNull))).as("null is absent").isEqualTo("00 00");
    }

    @Test
    void keysNamingNoFieldAreIgnoredWhenEncoding() {
        assertThat(Hex.of(sp.encode("All", Map.of("nope", 1, "i", 0)))).isEqualTo("01 00 02 00");
    }

    @Test
    void unknownTagsAreSkippedWhenDecoding() {
        Map<String, Object> full = map("i", 70000L, "b", true, "s", "x", "ia", List.of(1L), "z", 2.0);
        assertThat(sp.decode("Small", sp.encode("All", full))).isEqualTo(Map.of("b", true));
    }

    @Test
    void nonMinimalInputIsAccepted() {
        assertThat(decode("01 00 00 00 04 00 00 00 05 00 00 00")).as("small int in 4 bytes").isEqualTo(Map.of("i", 5L));
        assertThat(decode("01 00 00 00 08 00 00 00 05 00 00 00 00 00 00 00")).as("in 8 bytes").isEqualTo(Map.of("i", 5L));
        assertThat(item.decode("Item", Hex.bytes("04 00 05 00 05 00 01 00 04 00"))).as("consecutive skips")
                .isEqualTo(Map.of("ok", true));
        assertThat(item.decode("Item", Hex.bytes("02 00 0C 00 01 00"))).as("trailing skip").isEqualTo(Map.of("id", 5L));
    }

    @Test
    void topLevelDecodeIgnoresTrailingBytes() {
        assertThat(decode("01 00 0C 00 FF FF FF")).isEqualTo(Map.of("i", 5L));
    }

    @Test
    void nestedStructMustFillItsBlock() {
        assertThatThrownBy(() -> item.decode("Item", Hex.bytes("02 00 0F 00 00 00 0B 00 00 00 07 00 00 00 01 00 0C 00 00 00 00")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("struct in field parts leaves 3 unread bytes");
    }

    @Test
    void wrongWireShapesAreRejected() {
        assertThatThrownBy(() -> decode("02 00 03 00 04 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("string field s cannot be an inline value");
        assertThatThrownBy(() -> decode("02 00 01 00 00 00 01 00 00 00 01")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("boolean field b cannot be a data block");
        assertThatThrownBy(() -> decode("01 00 00 00 03 00 00 00 01 02 03")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("integer field i has 3 bytes, need 4 or 8");
        assertThatThrownBy(() -> decode("02 00 07 00 00 00 04 00 00 00 00 00 00 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("double field d has 4 bytes, need 8");
        assertThatThrownBy(() -> decode("02 00 0B 00 04 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("array field ia cannot be an inline value");
        assertThatThrownBy(() -> decode("02 00 0B 00 00 00 05 00 00 00 02 00 00 00 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("array field ia has element width 2, need 4 or 8");
        assertThatThrownBy(() -> decode("02 00 0B 00 00 00 04 00 00 00 04 00 00 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("3 bytes, not a multiple of width 4");
        assertThatThrownBy(() -> decode("02 00 0F 00 00 00 05 00 00 00 04 00 00 00 00")).isInstanceOf(SprotoException.class)
                .hasMessageContaining("array field da has element width 4, need 8");
    }

    @Test
    void valuesOfTheWrongJavaTypeAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> encode("i", "5")).isInstanceOf(SprotoException.class)
                .hasMessage("field i expects a 64-bit integer (Long, Integer, Short, Byte), got String");
        assertThatThrownBy(() -> encode("ia", List.of(1L, "x"))).isInstanceOf(SprotoException.class)
                .hasMessageContaining("field ia expects a 64-bit integer");
        assertThatThrownBy(() -> encode("s", 5)).isInstanceOf(SprotoException.class)
                .hasMessage("field s expects a String, got Integer");
        assertThatThrownBy(() -> encode("ia", 5)).isInstanceOf(SprotoException.class)
                .hasMessage("field ia expects a List, got Integer");
        assertThatThrownBy(() -> sp.encode("Nope", Map.of())).isInstanceOf(SprotoException.class)
                .hasMessage("unknown sproto type Nope");
    }

    @Test
    void mapsDecodeLaterDuplicateKeysWinAndRequireKeys() {
        // byCode with two entries for code 9: {code=9} then {code=9, label="x"}
        String twice = "02 00 13 00 00 00 17 00 00 00 04 00 00 00 01 00 14 00 0B 00 00 00 02 00 14 00 00 00 01 00 00 00 78";
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(9L, map("code", 9L, "label", "x"));
        assertThat(item.decode("Item", Hex.bytes(twice))).isEqualTo(Map.of("byCode", expected));
        // an entry without code
        assertThatThrownBy(() -> item.decode("Item", Hex.bytes("02 00 13 00 00 00 06 00 00 00 02 00 00 00 00 00")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("entry of map field byCode lacks its key code");
        // a two-field map entry without its value
        assertThatThrownBy(() -> item.decode("Item",
                Hex.bytes("02 00 11 00 00 00 0D 00 00 00 09 00 00 00 01 00 00 00 01 00 00 00 61")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("entry of map field attrs lacks its value");
    }

    @Test
    void mapEncodingChecksTheEntryKeyAgainstTheMapKey() {
        Map<Object, Object> byCode = new LinkedHashMap<>();
        byCode.put(9, map("code", 8L));
        assertThatThrownBy(() -> item.encode("Item", Map.of("byCode", byCode)))
                .isInstanceOf(SprotoException.class)
                .hasMessage("map field byCode: entry under key 9 has code = 8");
        Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(9, map("code", 9L));
        assertThat(Hex.of(item.encode("Item", Map.of("byCode", intKey)))).as("Integer 9 keys Long 9")
                .isEqualTo("02 00 13 00 00 00 08 00 00 00 04 00 00 00 01 00 14 00");
    }

    @Test
    void nestedValuesMayBeRecordsInsideTheMapView() {
        record Part(long code, String label) {
        }
        assertThat(Hex.of(item.encode("Item", Map.of("parts", List.of(new Part(1, "x"))))))
                .isEqualTo("02 00 0F 00 00 00 0F 00 00 00 0B 00 00 00 02 00 04 00 00 00 01 00 00 00 78");
    }
}

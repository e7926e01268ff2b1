package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of section 4 of the spec, byte for byte, both directions. */
class SpecExamplesTest {

    static final String ITEM_SCHEMA = """
            .Attr { key 0 : string  value 1 : integer }
            .Item {
                id 0 : integer
                name 1 : string
                price 2 : integer(2)
                tags 3 : *string
                weight 5 : double
                stock 6 : *integer
                ok 7 : boolean
                .Part { code 0 : integer  label 1 : string }
                parts 8 : *Part
                attrs 9 : *Attr()
                byCode 10 : *Part(code)
            }
            """;

    private final Sproto sp = Sproto.parse(ITEM_SCHEMA);

    private void roundTrip(Map<String, Object> item, String hex) {
        assertThat(Hex.of(sp.encode("Item", item))).isEqualTo(Hex.of(Hex.bytes(hex)));
        assertThat(sp.decode("Item", Hex.bytes(hex))).isEqualTo(item);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void example1_smallIntegerStringAndBoolean_andItsPackedForm() {
        roundTrip(map("id", 5L, "name", "pen", "ok", true), "04 00 0C 00 00 00 09 00 04 00 03 00 00 00 70 65 6E");
        assertThat(Hex.of(ZeroPack.pack(sp.encode("Item", map("id", 5L, "name", "pen", "ok", true)))))
                .isEqualTo("45 04 0C 09 C5 04 03 70 65 01 6E");
    }

    @Test
    void example2_negativeIntegerInDataPart_andDecimalInline() {
        roundTrip(map("id", -2L, "price", 3.5), "03 00 00 00 01 00 BE 02 04 00 00 00 FE FF FF FF");
    }

    @Test
    void example3_negativeDecimalRoundsHalfAwayFromZero() {
        assertThat(Hex.of(sp.encode("Item", map("price", -0.125))))
                .isEqualTo("02 00 03 00 00 00 04 00 00 00 F3 FF FF FF");
        assertThat(sp.decode("Item", Hex.bytes("02 00 03 00 00 00 04 00 00 00 F3 FF FF FF")))
                .isEqualTo(map("price", -0.13));
    }

    @Test
    void example4_integerOver32BitsTakesEightBytes() {
        roundTrip(map("id", 3000000000L), "01 00 00 00 08 00 00 00 00 5E D0 B2 00 00 00 00");
    }

    @Test
    void example5_integerArrayWidenedToEightBytesWhenOneElementNeedsIt() {
        roundTrip(map("stock", List.of(1L, -1L, 4294967296L)),
                "02 00 0B 00 00 00 19 00 00 00 08 01 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF 00 00 00 00 01 00 00 00");
        roundTrip(map("stock", List.of(7L, -7L)), "02 00 0B 00 00 00 09 00 00 00 04 07 00 00 00 F9 FF FF FF");
    }

    @Test
    void example6_stringArrayWithEmptyString_andDouble() {
        roundTrip(map("tags", List.of("a", ""), "weight", 0.5),
                "04 00 05 00 00 00 01 00 00 00 09 00 00 00 01 00 00 00 61 00 00 00 00 08 00 00 00 00 00 00 00 00 00 E0 3F");
    }

    @Test
    void example7_structArrayWithEmptyStruct() {
        roundTrip(map("parts", List.of(map("code", 1L, "label", "x"), map())),
                "02 00 0F 00 00 00 15 00 00 00 0B 00 00 00 02 00 04 00 00 00 01 00 00 00 78 02 00 00 00 00 00");
    }

    @Test
    void example8_twoFieldMap() {
        roundTrip(map("attrs", map("color", 2L)),
                "02 00 11 00 00 00 13 00 00 00 0F 00 00 00 02 00 00 00 06 00 05 00 00 00 63 6F 6C 6F 72");
    }

    @Test
    void example9_mapKeyedByField() {
        Map<Object, Object> byCode = new LinkedHashMap<>();
        byCode.put(9L, map("code", 9L));
        roundTrip(map("byCode", byCode), "02 00 13 00 00 00 08 00 00 00 04 00 00 00 01 00 14 00");
    }

    @Test
    void example10_emptyArraysAreEmptyBlocksWithoutWidthByte() {
        roundTrip(map("tags", List.of(), "stock", List.of()), "04 00 05 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00");
    }
}

package io.skynetspring.core;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressAndValuesTest {

    @Test
    void addressesPrintAndParseAsSkynetDoes() {
        Address a = Address.of(1, 0x0d);
        assertThat(a).hasToString(":0100000d");
        assertThat(a.nodeId()).isEqualTo(1);
        assertThat(a.localId()).isEqualTo(13);
        assertThat(Address.parse(":0100000d")).isEqualTo(a);
        assertThat(Address.parse(":a")).hasToString(":0000000a");
        assertThat(Address.of(255, 0xFFFFFF)).hasToString(":ffffffff");
        assertThatThrownBy(() -> Address.parse("0100000d")).hasMessageContaining("not an address");
        assertThatThrownBy(() -> Address.parse(":zz")).hasMessageContaining("not an address");
        assertThatThrownBy(() -> Address.of(256, 1)).hasMessageContaining("node id");
    }

    @Test
    void numbersConvertLikeLuaNumbers() {
        assertThat(LuaValues.convert(3, long.class)).isEqualTo(3L);
        assertThat(LuaValues.convert(3.0, long.class)).isEqualTo(3L);
        assertThat(LuaValues.convert(7L, double.class)).isEqualTo(7.0);
        assertThat(LuaValues.convert("42", int.class)).isEqualTo(42);
        assertThat(LuaValues.convert(10, String.class)).isEqualTo("10");
        assertThat(LuaValues.convert(2.0, String.class)).isEqualTo("2.0");
        assertThat(LuaValues.convert(null, Long.class)).isNull();
        assertThatThrownBy(() -> LuaValues.convert(2.5, long.class))
                .hasMessage("number has no integer representation: 2.5");
        assertThatThrownBy(() -> LuaValues.convert(1L << 40, int.class))
                .hasMessage("number 1099511627776 does not fit a int");
        assertThatThrownBy(() -> LuaValues.convert("abc", long.class))
                .hasMessage("string \"abc\" is not a number");
        assertThatThrownBy(() -> LuaValues.convert(true, long.class))
                .hasMessage("boolean where a long is needed");
        assertThatThrownBy(() -> LuaValues.convert(null, long.class))
                .hasMessage("nil where a long is needed");
    }
}

package io.skynetspring.core.console;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's argument syntax: what each literal becomes, and the column every refusal names. */
class LuaLiteralsTest {

    @Test
    void numbersKeepLuasIntegerAndFloatKinds() {
        assertThat(LuaLiterals.parse("0 -12 0x10 -0xff 9223372036854775807 1.5 -.5 2e3 1E-2", 0))
                .containsExactly(0L, -12L, 16L, -255L, Long.MAX_VALUE, 1.5, -0.5, 2000.0, 0.01);
    }

    @Test
    void stringsTakeLuasEscapes() {
        assertThat(LuaLiterals.parse("'a\\tb' \"q\\\"q\" 'it\\'s' \"\\x41\\66\\u{263A}\\\\\" ''", 0))
                .containsExactly("a\tb", "q\"q", "it's", "AB\u263A\\", "");
    }

    @Test
    void tablesBecomeListsOrMapsAndNest() {
        Map<Object, Object> keyed = new LinkedHashMap<>();
        keyed.put(1L, "first");
        keyed.put("name", "Alice");
        keyed.put("x y", List.of(1L, List.of()));
        keyed.put(2.5, false);
        assertThat(LuaLiterals.parse("{} {1,'two';{3}} {'first', name = 'Alice', [\"x y\"] = {1, {}}, [2.5] = false,}", 0))
                .containsExactly(List.of(), List.of(1L, "two", List.of(3L)), keyed);
        assertThat(LuaLiterals.parse("{1, nil, 3}", 0)).containsExactly(Arrays.asList(1L, null, 3L));
    }

    @Test
    void refusalsNameTheColumnOfTheWholeLine() {
        // offset 10: the line's first ten characters were "call .x f "
        assertThat(refusal("'abc", 10)).isEqualTo("bad argument at column 11: unfinished string: no closing '");
        assertThat(refusal("1, {a=}", 10)).isEqualTo("bad argument at column 17: unexpected '}'");
        assertThat(refusal("{[nil]=1}", 0)).isEqualTo("bad argument at column 2: a table key cannot be nil");
        assertThat(refusal("{1=2}", 0))
                .isEqualTo("bad argument at column 2: a key before '=' must be a name; write [key] = value for others");
        assertThat(refusal("{[1 2}", 0)).isEqualTo("bad argument at column 5: expected ']' after the key at column 2");
        assertThat(refusal("99999999999999999999", 0))
                .isEqualTo("bad argument at column 1: integer 99999999999999999999 does not fit in 64 bits");
        assertThat(refusal("1.2.3", 0)).isEqualTo("bad argument at column 1: malformed number '1.2.3'");
        assertThat(refusal("'\\x4'", 0)).isEqualTo("bad argument at column 2: \\x needs two hex digits");
        assertThat(refusal("'\\300'", 0)).isEqualTo("bad argument at column 2: decimal escape \\300 is larger than 255");
        assertThat(refusal("1,", 0)).isEqualTo("bad argument at column 3: a value is missing after ','");
        assertThat(refusal("{".repeat(LuaLiterals.MAX_DEPTH + 1), 0))
                .isEqualTo("bad argument at column " + (LuaLiterals.MAX_DEPTH + 1) + ": tables nested deeper than 32");
    }

    private static String refusal(String text, int offset) {
        try {
            LuaLiterals.parse(text, offset);
        } catch (LuaLiterals.Malformed e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void refusalsAreOnlyMalformed() {
        assertThatThrownBy(() -> LuaLiterals.parse("{", 0)).isInstanceOf(LuaLiterals.Malformed.class)
                .hasMessage("bad argument at column 1: unfinished table: no closing }");
    }
}

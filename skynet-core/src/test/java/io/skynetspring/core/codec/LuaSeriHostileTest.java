package io.skynetspring.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bytes from a peer: every decoder error of lua-seri.md section 5 is one {@link LuaSeriException}
 * naming the byte and the fault, never a partial result, and no declared length or size makes the
 * decoder allocate more than a small multiple of the input.
 */
class LuaSeriHostileTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static void refused(String hex, String message) {
        assertThatThrownBy(() -> LuaSeri.unpack(Hex.bytes(hex)))
                .as(hex)
                .isExactlyInstanceOf(LuaSeriException.class)
                .hasMessage(message);
    }

    @Test
    void readsPastTheEndAreRefused() {
        refused("0A", "Invalid serialize stream at byte 0: truncated: a 1-byte integer needs 1 bytes, 0 are left");
        refused("0A 01 12 01", "Invalid serialize stream at byte 2: truncated: a 2-byte integer needs 2 bytes, 1 are left");
        refused("22 01 02 03", "Invalid serialize stream at byte 0: truncated: a 4-byte integer needs 4 bytes, 3 are left");
        refused("32 01", "Invalid serialize stream at byte 0: truncated: an 8-byte integer needs 8 bytes, 1 are left");
        refused("42 00 00", "Invalid serialize stream at byte 0: truncated: a float needs 8 bytes, 2 are left");
        refused("03 00", "Invalid serialize stream at byte 0: truncated: a light userdata needs 8 bytes, 1 are left");
        refused("1C 61 62", "Invalid serialize stream at byte 0: truncated: a string of 3 bytes, 2 are left");
        refused("15 05", "Invalid serialize stream at byte 0: truncated: a string length needs 2 bytes, 1 are left");
        refused("25 05 00 00 00 61", "Invalid serialize stream at byte 0: truncated: a string of 5 bytes, 1 are left");
        refused("16 0A 01", "Invalid serialize stream at byte 0: truncated: a table of 2 array items and its end mark"
                + " need at least 3 bytes, 2 are left");
        refused("16 0A 01 0A 02", "Invalid serialize stream at byte 5: the table that starts at byte 0 has no end mark");
        refused("06 0C 78 0A 01", "Invalid serialize stream at byte 5: the table that starts at byte 0 has no end mark");
        refused("06 0C 78 0A 01 0A", "Invalid serialize stream at byte 5: truncated: a 1-byte integer needs 1 bytes, 0 are left");
        // a key needs room for its value and the end mark after it
        refused("06 0C 78", "Invalid serialize stream at byte 1: truncated: a string of 1 bytes, 1 are left, 2 of them"
                + " needed after it by the tables around it");
        refused("FE", "Invalid serialize stream at byte 1: truncated: an array size needs 1 bytes, 0 are left");
        // a table inside a table: its end mark cannot use the byte the outer table still needs for its own
        refused("0E 06 00", "Invalid serialize stream at byte 1: truncated: a table of 0 array items and its end mark"
                + " need at least 1 bytes, 1 are left, 1 of them needed after it by the tables around it");
    }

    @Test
    void typeSevenAndUnknownCookiesAreRefused() {
        refused("07", "Invalid serialize stream at byte 0: type 7 does not exist (type byte 07)");
        refused("09 FF", "Invalid serialize stream at byte 1: type 7 does not exist (type byte FF)");
        for (int cookie : new int[] {3, 5, 7, 9, 16, 31}) {
            refused(String.format("%02X 00 00 00 00 00 00 00 00", 2 | cookie << 3), "Invalid serialize stream at byte 0:"
                    + " number cookie " + cookie + " does not exist (0, 1, 2, 4, 6 and 8 do)");
        }
        for (int cookie : new int[] {0, 1, 3, 31}) {
            refused(String.format("%02X 00 00 00 00", 5 | cookie << 3), "Invalid serialize stream at byte 0:"
                    + " long string cookie " + cookie + " does not exist (2 and 4 do)");
        }
    }

    @Test
    void anArraySizeMustBeANonNegativeInteger() {
        refused("FE 42 00 00 00 00 00 00 F0 3F 00", "Invalid serialize stream at byte 1: the array size is not an"
                + " integer (type byte 42)");
        refused("FE 0C 61 00", "Invalid serialize stream at byte 1: the array size is not an integer (type byte 0C)");
        refused("FE 00 00", "Invalid serialize stream at byte 1: the array size is not an integer (type byte 00)");
        refused("FE 22 FF FF FF FF 00", "Invalid serialize stream at byte 1: negative array size -1");
        refused("FE 1A 00", "Invalid serialize stream at byte 1: number cookie 3 does not exist (0, 1, 2, 4, 6 and 8 do)");
    }

    @Test
    void aNanTableKeyIsRefusedAsLuaRefusesIt() {
        refused("06 42 00 00 00 00 00 00 F8 7F 09 00", "Invalid serialize stream at byte 1: a table key is NaN");
    }

    @Test
    void nothingIsReturnedWhenALaterValueIsBad() {
        refused("0A 01 0C 61 07", "Invalid serialize stream at byte 4: type 7 does not exist (type byte 07)");
    }

    @Test
    void hugeDeclaredSizesFailFastWithoutAllocatingThem() {
        List<String> attacks = List.of(
                "FE 22 FF FF FF 7F",                    // 2^31 - 1 array items in 6 bytes
                "FE 32 00 00 00 80 00 00 00 00",        // 2^31 items
                "FE 32 FF FF FF FF FF FF FF 7F",        // 2^63 - 1 items
                "25 FF FF FF FF",                       // a 4 GiB string
                "25 00 00 00 80 61 62",                 // a 2 GiB string
                "16 25 FF FF FF 7F 00");                // a 2 GiB string inside a table
        for (String hex : attacks) {
            byte[] input = Hex.bytes(hex);
            long allocated = allocatedBy(() -> assertThatThrownBy(() -> LuaSeri.unpack(input))
                    .isExactlyInstanceOf(LuaSeriException.class)
                    .hasMessageContaining("truncated"));
            assertThat(allocated).as(hex).isLessThan(1 << 20);
        }
    }

    @Test
    void nestedTablesCannotEachClaimTheWholeInput() {
        // 120 tables, each declaring as many items as there are bytes left: only the outermost claim can hold
        int levels = 120;
        byte[] input = new byte[levels * 4 + 60_000];
        for (int i = 0; i < levels; i++) {
            int left = input.length - 4 * (i + 1);
            input[4 * i] = (byte) 0xFE;
            input[4 * i + 1] = 0x12; // a 2-byte size follows
            input[4 * i + 2] = (byte) (left - 1);
            input[4 * i + 3] = (byte) ((left - 1) >>> 8);
        }
        long allocated = allocatedBy(() -> assertThatThrownBy(() -> LuaSeri.unpack(input))
                .isExactlyInstanceOf(LuaSeriException.class)
                .hasMessage("Invalid serialize stream at byte 4: truncated: a table of 60471 array items and its end mark"
                        + " need at least 60472 bytes, 60472 are left, 60475 of them needed after it by the tables"
                        + " around it"));
        assertThat(allocated).isLessThan(16L * input.length + (1 << 20));
    }

    @Test
    void deepNestingIsCappedWithoutAStackOverflow() {
        assertThat(LuaSeri.unpack(nested(33))).hasSize(1);
        assertThat(LuaSeri.unpack(nested(ReadBlock.MAX_NESTING))).hasSize(1);
        assertThatThrownBy(() -> LuaSeri.unpack(nested(ReadBlock.MAX_NESTING + 1)))
                .isExactlyInstanceOf(LuaSeriException.class)
                .hasMessage("Invalid serialize stream at byte 128: tables nested more than 128 deep");
        byte[] tenThousand = new byte[10_000];
        java.util.Arrays.fill(tenThousand, (byte) 0x0E); // a table with one item, which is a table with one item...
        assertThatThrownBy(() -> LuaSeri.unpack(tenThousand))
                .isExactlyInstanceOf(LuaSeriException.class)
                .hasMessageContaining("tables nested more than 128 deep");
    }

    /** {@code depth} tables each holding the next, the innermost empty: 0E 0E ... 06 00 00 ... */
    private static byte[] nested(int depth) {
        byte[] out = new byte[2 * depth];
        for (int i = 0; i < depth - 1; i++) {
            out[i] = 0x0E;
        }
        out[depth - 1] = 0x06;
        return out; // the rest are the end marks, 00
    }

    private static long allocatedBy(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}

package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Section 5 of the spec: the checked examples, the 0xFF run rules and unpack errors. */
class ZeroPackTest {

    private static void packs(String plain, String packed) {
        assertThat(Hex.of(ZeroPack.pack(Hex.bytes(plain)))).isEqualTo(Hex.of(Hex.bytes(packed)));
    }

    @Test
    void packsNormalGroupsWithTagBits() {
        packs("08 00 00 00 03 00 02 00 | 19 00 00 00 AA 01 00 00", "51 08 03 02 | 31 19 AA 01");
        packs("03 00 0A 00 00 00 05 00 | 00 00 61 61 61 61 61 00", "45 03 0A 05 | 7C 61 61 61 61 61");
    }

    @Test
    void eightNonZeroBytesOpenARunThatSevenNonZeroJoinRawAndZeroGroupCloses() {
        String plain = "41 42 43 44 45 46 47 48 | 41 42 43 44 45 46 00 47 | 00 00 00 00 00 00 00 00 | 41";
        String packed = "FF 01 41 42 43 44 45 46 47 48 41 42 43 44 45 46 00 47 | 00 | 01 41";
        packs(plain, packed);
        byte[] back = ZeroPack.unpack(Hex.bytes(packed));
        assertThat(back).hasSize(32);
        assertThat(Arrays.copyOf(back, 25)).isEqualTo(Hex.bytes(plain));
        assertThat(Arrays.copyOfRange(back, 25, 32)).containsOnly(0);
    }

    @Test
    void paddedLastGroupWithSixNonZeroBytesJoinsTheRunRaw() {
        byte[] plain = new byte[30];
        Arrays.fill(plain, (byte) 0x8A);
        byte[] expected = new byte[2 + 32];
        expected[0] = (byte) 0xFF;
        expected[1] = 0x03;
        System.arraycopy(plain, 0, expected, 2, 30);
        assertThat(Hex.of(ZeroPack.pack(plain))).isEqualTo(Hex.of(expected));
    }

    @Test
    void aRunClosesAfter256GroupsAndTheNextFullGroupOpensANewOne() {
        byte[] plain = new byte[8 * 258];
        Arrays.fill(plain, (byte) 1);
        plain[8 * 256 + 7] = 0; // group 257: 7 non-zero, would join an open run
        byte[] packed = ZeroPack.pack(plain);
        assertThat(packed[0]).isEqualTo((byte) 0xFF);
        assertThat(packed[1]).isEqualTo((byte) 0xFF);
        int after = 2 + 8 * 256;
        // the run is closed, so the 7-non-zero group is a normal group, then a new run opens
        assertThat(packed[after] & 0xff).isEqualTo(0x7F);
        assertThat(packed[after + 8] & 0xff).isEqualTo(0xFF);
        assertThat(packed[after + 9]).isEqualTo((byte) 0);
        assertThat(packed).hasSize(after + 8 + 2 + 8);
        assertThat(ZeroPack.unpack(packed)).isEqualTo(plain);
    }

    @Test
    void fewerThanSixNonZeroBytesCloseTheRun() {
        packs("11 22 33 44 55 66 77 88 | 11 22 33 44 55 00 00 00", "FF 00 11 22 33 44 55 66 77 88 | 1F 11 22 33 44 55");
    }

    @Test
    void emptyInputPacksToNothingAndAllZeroGroupIsOneByte() {
        assertThat(ZeroPack.pack(new byte[0])).isEmpty();
        packs("00 00 00 00 00 00 00 00", "00");
        assertThat(ZeroPack.unpack(Hex.bytes("00"))).isEqualTo(new byte[8]);
    }

    @Test
    void unpackRejectsTruncatedInput() {
        assertThatThrownBy(() -> ZeroPack.unpack(Hex.bytes("FF")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("without a count byte");
        assertThatThrownBy(() -> ZeroPack.unpack(Hex.bytes("FF 01 41 42 43")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("run needs 16 bytes, 3 left");
        assertThatThrownBy(() -> ZeroPack.unpack(Hex.bytes("07 01 02")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("tag 07 needs 3 bytes, 2 left");
    }

    @Test
    void unpackRefusesOutputOverTheLimitBeforeAllocating() {
        byte[] zeros = new byte[1000]; // every byte is an all-zero group: 8000 bytes out
        assertThat(ZeroPack.unpack(zeros)).hasSize(8000);
        assertThatThrownBy(() -> ZeroPack.unpack(zeros, 7999))
                .isInstanceOf(SprotoException.class).hasMessage("unpacked data would be 8000 bytes, limit is 7999");
    }

    @Test
    void packedOutputNeverExceedsItsBound() {
        java.util.Random random = new java.util.Random(12);
        byte[] full = new byte[8];
        java.util.Arrays.fill(full, (byte) 7);
        byte[] six = {1, 2, 3, 4, 5, 6, 0, 0};
        byte[] five = {1, 2, 3, 4, 5, 0, 0, 0};
        byte[] seven = {1, 2, 3, 4, 5, 6, 7, 0};
        byte[][] groups = {full, six, five, seven, new byte[8]};
        for (int round = 0; round < 2_000; round++) {
            int n = random.nextInt(700);
            byte[] src = new byte[n * 8 + random.nextInt(8)];
            // the costly shapes: runs of one full group cut by a short group, runs cut at 256 groups, seven-byte groups
            int shape = random.nextInt(4);
            for (int g = 0; g < n; g++) {
                byte[] group = switch (shape) {
                    case 0 -> g % 2 == 0 ? full : five;
                    case 1 -> full;
                    case 2 -> seven;
                    default -> groups[random.nextInt(groups.length)];
                };
                System.arraycopy(group, 0, src, g * 8, 8);
            }
            for (int b = n * 8; b < src.length; b++) {
                src[b] = (byte) (1 + random.nextInt(255));
            }
            byte[] packed = ZeroPack.pack(src);
            assertThat(packed.length).as("shape %d, %d bytes", shape, src.length).isLessThanOrEqualTo(ZeroPack.packedBound(src.length));
            assertThat(Arrays.copyOf(ZeroPack.unpack(packed), src.length)).isEqualTo(src);
        }
    }
}

package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Section 8 of the spec: hostile bytes fail with SprotoException, quickly and without big allocations. */
class HostileInputTest {

    private final Sproto item = Sproto.parse(SpecExamplesTest.ITEM_SCHEMA);
    private final Sproto nest = Sproto.parse(".N { n 0 : N  list 1 : *N  v 2 : integer }");

    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** Runs {@code action} expecting a SprotoException; returns it with the bytes the thread allocated. */
    private static Object[] failure(Runnable action) {
        SprotoException[] caught = new SprotoException[1];
        long allocated = allocatedBy(() -> {
            try {
                action.run();
            } catch (SprotoException e) {
                caught[0] = e;
            }
        });
        return new Object[] {caught[0], allocated};
    }

    private static void rejects(Runnable decode, String message) {
        rejects(decode, message, 64 * 1024);
    }

    private static void rejects(Runnable decode, String message, long maxAllocated) {
        failure(decode); // warm-up: class loading and first-call costs are not the decoder's
        Object[] result = failure(decode);
        assertThat((SprotoException) result[0]).as("failure").isNotNull().hasMessageContaining(message);
        assertThat((Long) result[1]).as("bytes allocated while rejecting").isLessThan(maxAllocated);
    }

    @Test
    void truncatedHeaderAndFieldPart() {
        rejects(() -> item.decode("Item", new byte[0]), "truncated header of Item: 0 bytes left, need 2");
        rejects(() -> item.decode("Item", Hex.bytes("01")), "truncated header of Item: 1 bytes left, need 2");
        rejects(() -> item.decode("Item", Hex.bytes("FF FF 00 00")), "65535 entries need 131070 bytes, 2 left");
        rejects(() -> item.decode("Item", Hex.bytes("01 00 00 00 04 00")), "truncated length of tag 0 in Item");
    }

    @Test
    void lengthsPointingPastTheEnd() {
        rejects(() -> item.decode("Item", Hex.bytes("01 00 00 00 FF FF FF FF 01")),
                "block of tag 0 in Item claims 4294967295 bytes, 1 left");
        rejects(() -> item.decode("Item", Hex.bytes("02 00 01 00 00 00 05 00 00 00 70")),
                "block of tag 1 in Item claims 5 bytes, 1 left");
    }

    @Test
    void absurdArrayAndElementSizesAreBoundedByTheBlock() {
        rejects(() -> item.decode("Item", Hex.bytes("02 00 05 00 00 00 F0 FF FF 7F 00")),
                "block of tag 3 in Item claims 2147483632 bytes, 1 left");
        rejects(() -> item.decode("Item", Hex.bytes("02 00 05 00 00 00 06 00 00 00 FF FF FF 7F 61 62")),
                "element of array field tags claims 2147483647 bytes, 2 left");
        rejects(() -> item.decode("Item", Hex.bytes("02 00 05 00 00 00 03 00 00 00 01 00 00")),
                "truncated element length in array field tags");
        rejects(() -> item.decode("Item", Hex.bytes("02 00 0F 00 00 00 04 00 00 00 00 00 00 00")),
                "truncated header of Item.Part: 0 bytes left, need 2");
    }

    @Test
    void hugeSkipMarkersDoNotOverflowTheTag() {
        byte[] bytes = new byte[2 + 2 * 65535];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFF;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) 0xFF; // every entry skips 32767 tags
        }
        assertThat(item.decode("Item", bytes)).isEmpty();
    }

    @Test
    void unknownTagsWithBadContentAreSkippedUnread() {
        assertThat(item.decode("Item", Hex.bytes("02 00 07 00 00 00 03 00 00 00 FF FF FF"))).as("tag 4 unknown").isEmpty();
    }

    private static byte[] nested(int levels) {
        byte[] inner = Hex.bytes("00 00");
        for (int i = 1; i < levels; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(Hex.bytes("01 00 00 00"));
            out.write(inner.length);
            out.write(inner.length >>> 8);
            out.write(inner.length >>> 16);
            out.write(0);
            out.writeBytes(inner);
            inner = out.toByteArray();
        }
        return inner;
    }

    @Test
    void depthIsCappedAt64LevelsForDecoding() {
        assertThat(nest.decode("N", nested(64))).isNotNull();
        // 64 partial structs and a deep stack trace, bounded by the depth cap, not by the input
        rejects(() -> nest.decode("N", nested(65)), "N nests deeper than 64 levels", 256 * 1024);
        assertThatThrownBy(() -> nest.decode("N", nested(100_000 / 6))).isInstanceOf(SprotoException.class);
    }

    @Test
    void depthIsCappedAt64LevelsForEncodingSoCyclesFail() {
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("n", cycle);
        assertThatThrownBy(() -> nest.encode("N", cycle)).isInstanceOf(SprotoException.class)
                .hasMessage("cannot encode N: structs nest deeper than 64 levels");
        Map<String, Object> listCycle = new HashMap<>();
        listCycle.put("list", List.of(listCycle));
        assertThatThrownBy(() -> nest.encode("N", listCycle)).isInstanceOf(SprotoException.class)
                .hasMessage("cannot encode N: structs nest deeper than 64 levels");
    }

    @Test
    void schemaNestingIsCapped() {
        String deep = ".A {".repeat(100) + "}".repeat(100);
        assertThatThrownBy(() -> Sproto.parse(deep.replace(".A {", ".A { "))).isInstanceOf(SprotoSchemaException.class)
                .hasMessageContaining("types nest deeper than 64 levels");
    }

    @Test
    void decodingALargeValidArrayAllocatesASmallMultipleOfItsSize() {
        int n = 1 << 20;
        Sproto sp = Sproto.parse(".B { flags 0 : *boolean  ids 1 : *integer }")
                .withLimits(SprotoLimits.DEFAULT.withMaxMessageBytes(2 * n).withMaxValues(2 * n));
        byte[] bytes = new byte[2 + 2 + 4 + n];
        bytes[0] = 1;
        java.nio.ByteBuffer.wrap(bytes, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(n);
        java.util.Arrays.fill(bytes, 8, bytes.length, (byte) 1);
        int[] size = new int[1];
        long allocated = allocatedBy(() -> size[0] = ((List<?>) sp.decode("B", bytes).get("flags")).size());
        assertThat(size[0]).isEqualTo(n);
        assertThat(allocated).isLessThan(16L * bytes.length);
    }

    @Test
    void unpackOutputIsBoundedByInputAndLimit() {
        byte[] zeros = new byte[4096];
        ZeroPack.unpack(zeros);
        int[] size = new int[1];
        long allocated = allocatedBy(() -> size[0] = ZeroPack.unpack(zeros).length);
        assertThat(size[0]).isEqualTo(8 * 4096);
        assertThat(allocated).isLessThan(8L * 4096 + 1024);
        rejects(() -> ZeroPack.unpack(zeros, 1024), "unpacked data would be 32768 bytes, limit is 1024");
        byte[] runs = new byte[3 * 2050];
        for (int i = 0; i < runs.length; i += 2050) {
            runs[i] = (byte) 0xFF;
            runs[i + 1] = (byte) 0xFF;
        }
        assertThat(ZeroPack.unpack(runs)).hasSize(3 * 2048);
        rejects(() -> ZeroPack.unpack(java.util.Arrays.copyOf(runs, runs.length - 1)), "run needs 2048 bytes, 2047 left");
    }

    @Test
    void dispatchRejectsBodiesThatDoNotDecode() {
        Sproto rpc = Sproto.parse(".package { type 0 : integer  session 1 : integer } .B { s 0 : string } p 1 { request B }");
        rejects(() -> rpc.host().dispatch(ZeroPack.pack(Hex.bytes("01 00 04 00 01 00 00 00 09 00 00 00"))),
                "block of tag 0 in B claims 9 bytes, 4 left");
        rejects(() -> rpc.host().dispatch(ZeroPack.pack(Hex.bytes("01 00 00 00 04 00 00 00 00 00 00 80"))),
                "unknown protocol tag -2147483648");
        rejects(() -> rpc.host().dispatch(ZeroPack.pack(Hex.bytes("01 00 00 00 08 00 00 00 01 00 00 00 01 00 00 00"))),
                "unknown protocol tag 4294967297");
    }

    private static final String LIST_RPC = ".package { type 0 : integer  session 1 : integer }"
            + " .E { v 0 : integer } .B { list 0 : *E } p 1 { request B }";

    /** A request packet of protocol p whose body lists {@code n} structs E, each one value: small to send, big to hold. */
    private static byte[] listRequest(int n) {
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(4 + 8 + 8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        raw.putShort((short) 1).putShort((short) 4);                // header: type = 1
        raw.putShort((short) 1).putShort((short) 0).putInt(8 * n);  // body: list, a block of n elements
        for (int i = 0; i < n; i++) {
            raw.putInt(4).putShort((short) 1).putShort((short) 2);  // E { v = 0 }
        }
        return ZeroPack.pack(raw.array());
    }

    @Test
    void dispatchRefusesAPacketOverTheDefaultCapBeforeUnpackingIt() {
        // issue #12 finding 7: 244 KiB of packet became 10-22 MiB of objects
        byte[] packet = listRequest(60_000);
        assertThat(packet.length).isBetween(230 * 1024, 260 * 1024);
        Sproto rpc = Sproto.parse(LIST_RPC);
        Host host = rpc.host();
        rejects(() -> host.dispatch(packet), "packet of " + packet.length + " bytes is over the limit of 65536 bytes"
                + " (SprotoLimits.maxPacketBytes)");
        rejects(() -> rpc.pdecode("B", packet), "(SprotoLimits.maxPacketBytes)");
    }

    @Test
    void decodedValuesAreCappedSoASmallMessageCannotBecomeMillionsOfObjects() {
        SprotoLimits roomy = SprotoLimits.DEFAULT.withMaxPacketBytes(1 << 20).withMaxMessageBytes(4 << 20);
        assertThat(roomy.maxValues()).isEqualTo(SprotoLimits.DEFAULT_MAX_VALUES);
        Host host = Sproto.parse(LIST_RPC).withLimits(roomy).host();
        // the finding's packet, let through the byte caps: refused at the value cap, which bounds what it costs
        rejects(() -> host.dispatch(listRequest(60_000)), "decodes to more than 65536 values (SprotoLimits.maxValues)",
                12L << 20);
        // 32,000 elements are 64,001 values: under the cap, so they decode
        Dispatched.Request fits = (Dispatched.Request) host.dispatch(listRequest(32_000));
        assertThat((List<?>) fits.args().get("list")).hasSize(32_000);

        Sproto tight = Sproto.parse(LIST_RPC).withLimits(SprotoLimits.DEFAULT.withMaxValues(1_000));
        byte[] raw = ZeroPack.unpack(listRequest(600), Integer.MAX_VALUE);
        // 1,000 values of about 100 bytes each, then the refusal
        rejects(() -> tight.decode("B", raw, 4, raw.length - 4), "decodes to more than 1000 values", 200 * 1024);
        rejects(() -> tight.decode("B", java.util.Arrays.copyOfRange(raw, 4, raw.length)), "more than 1000 values",
                200 * 1024);
        assertThat((List<?>) tight.decode("B", ZeroPack.unpack(listRequest(400)), 4, 8 + 8 * 400).get("list")).hasSize(400);
    }

    @Test
    void decodeRefusesAMessageOverTheDefaultCap() {
        byte[] big = new byte[SprotoLimits.DEFAULT.maxMessageBytes() + 1];
        big[0] = 0;
        rejects(() -> item.decode("Item", big), "message of " + big.length + " bytes is over the limit of 524288 bytes"
                + " (SprotoLimits.maxMessageBytes)");
        assertThat(item.withLimits(SprotoLimits.DEFAULT.withMaxMessageBytes(big.length)).decode("Item", big)).isEmpty();
    }

    @Test
    void zeroPackSizesPastTheLargestArrayFailAsSprotoException() {
        // ~1.7 GB packs to at most its size plus 2 bytes a 2 KiB run: still an array (it threw NegativeArraySizeException)
        assertThat(ZeroPack.packedBound(1_700_000_000)).isBetween(1_700_000_000, Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> ZeroPack.packedBound(Integer.MAX_VALUE - 8)).isInstanceOf(SprotoException.class)
                .hasMessageContaining("packing 2147483639 bytes needs up to");
        assertThatThrownBy(() -> ZeroPack.unpackedLength(8L * 1_700_000_000, Integer.MAX_VALUE))
                .isInstanceOf(SprotoException.class).hasMessageContaining("unpacked data would be 13600000000 bytes");
        assertThat(ZeroPack.unpackedLength(4096, 4096)).isEqualTo(4096);
    }

    @Test
    void decodeRangeIsChecked() {
        assertThatThrownBy(() -> item.decode("Item", new byte[4], 3, 2)).isInstanceOf(SprotoException.class)
                .hasMessage("bad range 3+2 of 4 bytes");
        assertThatThrownBy(() -> item.decode("Item", new byte[4], -1, 2)).isInstanceOf(SprotoException.class);
    }
}

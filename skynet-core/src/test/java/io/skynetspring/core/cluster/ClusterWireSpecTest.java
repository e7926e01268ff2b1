package io.skynetspring.core.cluster;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.skynetspring.core.cluster.Frames.concat;
import static io.skynetspring.core.cluster.Frames.hex;
import static io.skynetspring.core.cluster.Frames.payload;
import static io.skynetspring.core.cluster.Frames.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frames of cluster-protocol.md as skynet prints them (section 8, byte for byte, both ways),
 * the split thresholds, the session and push rules, and parts of several messages interleaved.
 * The lua-seri bodies are the spec's bytes, used raw.
 */
class ClusterWireSpecTest {

    private static final int PART = 0x8000;

    private final RequestAssembler callee = new RequestAssembler(16 << 20, 16);
    private final ResponseAssembler caller = new ResponseAssembler(16 << 20, 16);

    // --- section 8, small frames ---

    @Test
    void callToHandleAndItsReply() {
        byte[] body = hex("1C 47 45 54 0C 62"); // pack("GET", "b")
        byte[] frame = hex("00 0F | 00 | 0A 00 00 00 | 05 00 00 00 | 1C 47 45 54 0C 62");
        assertThat(ClusterWire.request(10, 5, false, body)).singleElement().isEqualTo(frame);
        assertRequest(callee.accept(payload(frame)), 10, null, 5, false, body);

        byte[] reply = hex("00 0D | 05 00 00 00 | 01 | 3C 66 6F 6F 62 61 72 32"); // pack("foobar2")
        assertThat(ClusterWire.response(5, hex("3C 66 6F 6F 62 61 72 32"))).singleElement().isEqualTo(reply);
        assertOk(caller.accept(payload(reply)), 5, hex("3C 66 6F 6F 62 61 72 32"));
    }

    @Test
    void callToRegisteredNameAndItsReply() {
        byte[] body = hex("1C 47 45 54 0C 61"); // pack("GET", "a")
        byte[] frame = hex("00 10 | 80 | 04 | 40 73 64 62 | 03 00 00 00 | 1C 47 45 54 0C 61");
        assertThat(ClusterWire.request("@sdb", 3, false, body)).singleElement().isEqualTo(frame);
        assertRequest(callee.accept(payload(frame)), 0, "@sdb", 3, false, body);

        byte[] reply = hex("00 0C | 03 00 00 00 | 01 | 34 66 6F 6F 62 61 72"); // pack("foobar")
        assertThat(ClusterWire.response(3, hex("34 66 6F 6F 62 61 72"))).singleElement().isEqualTo(reply);
        assertOk(caller.accept(payload(reply)), 3, hex("34 66 6F 6F 62 61 72"));
    }

    @Test
    void nameQueryIsAddressZeroAndAnswersAnInteger() {
        byte[] frame = hex("00 0D | 00 | 00 00 00 00 | 01 00 00 00 | 1C 73 64 62"); // pack("sdb")
        assertThat(ClusterWire.request(0, 1, false, hex("1C 73 64 62"))).singleElement().isEqualTo(frame);
        assertRequest(callee.accept(payload(frame)), 0, null, 1, false, hex("1C 73 64 62"));

        byte[] reply = hex("00 07 | 01 00 00 00 | 01 | 0A 0A"); // pack(10)
        assertThat(ClusterWire.response(1, hex("0A 0A"))).singleElement().isEqualTo(reply);
        assertOk(caller.accept(payload(reply)), 1, hex("0A 0A"));
    }

    @Test
    void smallPushCarriesSessionZeroWhateverSessionIsGiven() {
        byte[] frame = hex("00 10 | 80 | 04 | 40 73 76 63 | 00 00 00 00 | 2C 70 75 73 68 31"); // pack("push1")
        assertThat(ClusterWire.request("@svc", 7, true, hex("2C 70 75 73 68 31"))).singleElement().isEqualTo(frame);
        assertThat(ClusterWire.request("@svc", 0, true, hex("2C 70 75 73 68 31"))).singleElement().isEqualTo(frame);
        assertRequest(callee.accept(payload(frame)), 0, "@svc", 0, true, hex("2C 70 75 73 68 31"));
    }

    @Test
    void errorRepliesCarryRawText() {
        byte[] notFound = hex("00 13 | 02 00 00 00 | 00 | 6E 61 6D 65 20 6E 6F 74 20 66 6F 75 6E 64");
        byte[] invalidName = concat(hex("00 11 | 04 00 00 00 | 00"), "Invalid name".getBytes(StandardCharsets.US_ASCII));
        assertThat(ClusterWire.error(2, "name not found")).isEqualTo(notFound);
        assertThat(ClusterWire.error(4, "Invalid name")).isEqualTo(invalidName);
        assertError(caller.accept(payload(notFound)), 2, "name not found");
        assertError(caller.accept(payload(invalidName)), 4, "Invalid name");
    }

    @Test
    void traceTagGoesWithTheNextRequest() {
        byte[] trace = hex("00 06 | 04 | 6D 79 74 61 67"); // "mytag"
        assertThat(callee.accept(payload(trace))).isNull();
        byte[] call = ClusterWire.request(10, 5, false, hex("1C 47 45 54 0C 62")).get(0);
        assertThat(callee.accept(payload(call)).trace()).isEqualTo("mytag");
        assertThat(callee.accept(payload(call)).trace()).as("the tag is used once").isNull();
    }

    // --- section 8, large frames ---

    /** pack("SET", "big", 40000 x "V"): two short strings and a long string with a u16 length. */
    private static byte[] setBig() {
        return concat(hex("1C 53 45 54 | 1C 62 69 67 | 15 40 9C"), repeat(40000, 'V'));
    }

    @Test
    void largeCallToHandle() {
        byte[] body = setBig();
        assertThat(body).hasSize(40011);
        List<byte[]> frames = ClusterWire.request(10, 10, false, body);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo(hex("00 0D | 01 | 0A 00 00 00 | 0A 00 00 00 | 4B 9C 00 00"));
        assertThat(frames.get(1)).isEqualTo(concat(hex("80 05 | 02 | 0A 00 00 00"), Arrays.copyOf(body, PART)));
        assertThat(frames.get(2)).isEqualTo(concat(hex("1C 50 | 03 | 0A 00 00 00"), Arrays.copyOfRange(body, PART, 40011)));
        assertThat(frames.get(2)).hasSize(2 + 5 + 7243);

        assertThat(callee.accept(payload(frames.get(0)))).isNull();
        assertThat(callee.accept(payload(frames.get(1)))).isNull();
        assertThat(callee.pendingBytes()).isEqualTo(PART);
        assertRequest(callee.accept(payload(frames.get(2))), 10, null, 10, false, body);
        assertThat(callee.pendingBytes()).isZero();

        byte[] reply = hex("00 06 | 0A 00 00 00 | 01 | 00"); // pack(nil)
        assertThat(ClusterWire.response(10, hex("00"))).singleElement().isEqualTo(reply);
        assertOk(caller.accept(payload(reply)), 10, hex("00"));
    }

    @Test
    void largeReply() {
        byte[] body = concat(hex("15 40 9C"), repeat(40000, 'V')); // pack(40000 x "V")
        List<byte[]> frames = ClusterWire.response(11, body);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo(hex("00 09 | 0B 00 00 00 | 02 | 43 9C 00 00"));
        assertThat(frames.get(1)).isEqualTo(concat(hex("80 05 | 0B 00 00 00 | 03 | 15 40 9C"), repeat(PART - 3, 'V')));
        assertThat(frames.get(2)).isEqualTo(concat(hex("1C 48 | 0B 00 00 00 | 04"), repeat(7235, 'V')));

        assertThat(caller.accept(payload(frames.get(0)))).isNull();
        assertThat(caller.accept(payload(frames.get(1)))).isNull();
        assertOk(caller.accept(payload(frames.get(2))), 11, body);
        assertThat(caller.pendingBytes()).isZero();
    }

    @Test
    void largePushKeepsItsSession() {
        byte[] body = concat(hex("15 40 9C"), repeat(40000, 'P')); // pack(40000 x "P")
        List<byte[]> frames = ClusterWire.request(new io.skynetspring.core.service.Address(11), 3, true, body);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo(hex("00 0D | 41 | 0B 00 00 00 | 03 00 00 00 | 43 9C 00 00"));
        assertThat(frames.get(1)).isEqualTo(concat(hex("80 05 | 02 | 03 00 00 00 | 15 40 9C"), repeat(PART - 3, 'P')));
        assertThat(frames.get(2)).isEqualTo(concat(hex("1C 48 | 03 | 03 00 00 00"), repeat(7235, 'P')));

        assertThat(callee.accept(payload(frames.get(0)))).isNull();
        assertThat(callee.accept(payload(frames.get(1)))).isNull();
        assertRequest(callee.accept(payload(frames.get(2))), 11, null, 3, true, body);
    }

    @Test
    void largeRequestsByNameUseStartTypes81AndC1() {
        byte[] body = repeat(PART, 'x');
        byte[] call = ClusterWire.request("@sdb", 7, false, body).get(0);
        byte[] push = ClusterWire.request("@sdb", 8, true, body).get(0);
        assertThat(call).isEqualTo(hex("00 0E | 81 | 04 | 40 73 64 62 | 07 00 00 00 | 00 80 00 00"));
        assertThat(push).isEqualTo(hex("00 0E | C1 | 04 | 40 73 64 62 | 08 00 00 00 | 00 80 00 00"));

        assertRequest(feed(callee, ClusterWire.request("@sdb", 7, false, body)), 0, "@sdb", 7, false, body);
        assertRequest(feed(callee, ClusterWire.request("@sdb", 8, true, body)), 0, "@sdb", 8, true, body);
    }

    // --- thresholds ---

    @Test
    void requestsSplitAtExactly0x8000() {
        assertThat(ClusterWire.request(10, 1, false, new byte[PART - 1])).singleElement()
                .satisfies(f -> assertThat(f).hasSize(2 + 9 + PART - 1).startsWith(hex("80 08 | 00")));

        List<byte[]> exactly = ClusterWire.request(10, 1, false, repeat(PART, 'a'));
        assertThat(exactly).hasSize(2);
        assertThat(exactly.get(0)).isEqualTo(hex("00 0D | 01 | 0A 00 00 00 | 01 00 00 00 | 00 80 00 00"));
        assertThat(exactly.get(1)).isEqualTo(concat(hex("80 05 | 03 | 01 00 00 00"), repeat(PART, 'a')));

        assertThat(types(ClusterWire.request(10, 1, false, new byte[2 * PART]), 2)).containsExactly(0x01, 0x02, 0x03);
        assertThat(types(ClusterWire.request(10, 1, false, new byte[2 * PART + 1]), 2))
                .containsExactly(0x01, 0x02, 0x02, 0x03);
    }

    @Test
    void repliesSplitAbove0x8000AndEveryPartButTheLastIsType3() {
        assertThat(ClusterWire.response(1, repeat(PART, 'r'))).singleElement()
                .isEqualTo(concat(hex("80 05 | 01 00 00 00 | 01"), repeat(PART, 'r')));

        List<byte[]> justOver = ClusterWire.response(1, repeat(PART + 1, 'r'));
        assertThat(justOver).hasSize(3);
        assertThat(justOver.get(0)).isEqualTo(hex("00 09 | 01 00 00 00 | 02 | 01 80 00 00"));
        assertThat(justOver.get(1)).isEqualTo(concat(hex("80 05 | 01 00 00 00 | 03"), repeat(PART, 'r')));
        assertThat(justOver.get(2)).isEqualTo(hex("00 06 | 01 00 00 00 | 04 | 72"));

        assertThat(types(ClusterWire.response(1, new byte[2 * PART]), 6)).containsExactly(2, 3, 4);
        assertThat(types(ClusterWire.response(1, new byte[100_000]), 6)).containsExactly(2, 3, 3, 3, 4);
        List<byte[]> big = ClusterWire.response(1, new byte[100_000]);
        assertThat(big.subList(1, 4)).allSatisfy(f -> assertThat(f).hasSize(2 + 5 + PART));
        assertThat(big.get(4)).hasSize(2 + 5 + 100_000 - 3 * PART);
    }

    @Test
    void emptyBodiesAreLegal() {
        assertThat(ClusterWire.response(9, new byte[0])).singleElement().isEqualTo(hex("00 05 | 09 00 00 00 | 01"));
        assertOk(caller.accept(hex("09 00 00 00 01")), 9, new byte[0]);
        byte[] call = ClusterWire.request(10, 2, false, new byte[0]).get(0);
        assertThat(call).isEqualTo(hex("00 09 | 00 | 0A 00 00 00 | 02 00 00 00"));
        assertRequest(callee.accept(payload(call)), 10, null, 2, false, new byte[0]);
    }

    @Test
    void errorTextIsCutTo0x8000RawBytes() {
        String longText = "é".repeat(PART); // 2 UTF-8 bytes each
        byte[] frame = ClusterWire.error(4, longText);
        assertThat(frame).hasSize(2 + 5 + PART);
        assertThat(Arrays.copyOfRange(frame, 7, frame.length))
                .isEqualTo(Arrays.copyOf(longText.getBytes(StandardCharsets.UTF_8), PART));
        assertThat(ClusterWire.error(4, "x" + "é".repeat(PART))).endsWith(0xC3 - 256);
        assertThat(ClusterWire.error(4, "")).isEqualTo(hex("00 05 | 04 00 00 00 | 00"));
    }

    @Test
    void receiverAcceptsSmallFormFramesOfAnySize() {
        byte[] body = setBig();
        byte[] request = concat(hex("00 | 0A 00 00 00 | 04 00 00 00"), body);
        assertRequest(callee.accept(request), 10, null, 4, false, body);
        assertOk(caller.accept(concat(hex("04 00 00 00 | 01"), body)), 4, body);
    }

    // --- sessions, pushes and names ---

    @Test
    void callsAndLargePushesNeedASession() {
        assertThatThrownBy(() -> ClusterWire.request(10, 0, false, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a call needs a session");
        assertThatThrownBy(() -> ClusterWire.request(10, 0, true, new byte[PART]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a large push needs a session");
        assertThatThrownBy(() -> ClusterWire.request(10, -1, false, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967295");
    }

    @Test
    void namesAre1To255BytesAndSentAsTheyAre() {
        for (String name : List.of("@x", ".launcher", ":0000000a", "SERVICE", "n".repeat(255), "é".repeat(127))) {
            byte[] frame = ClusterWire.request(name, 1, false, hex("00")).get(0);
            int length = name.getBytes(StandardCharsets.UTF_8).length;
            assertThat(frame[3] & 0xFF).isEqualTo(length);
            assertThat(Arrays.copyOfRange(frame, 4, 4 + length)).isEqualTo(name.getBytes(StandardCharsets.UTF_8));
            assertThat(callee.accept(payload(frame)).name()).isEqualTo(name);
        }
        for (String name : List.of("", "n".repeat(256), "é".repeat(128))) {
            assertThatThrownBy(() -> ClusterWire.request(name, 1, false, hex("00")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 1..255 bytes");
        }
    }

    @Test
    void targetMustBeAHandleAnAddressOrAName() {
        assertThatThrownBy(() -> ClusterWire.request(10L, 1, false, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Long");
        assertThatThrownBy(() -> ClusterWire.request(null, 1, false, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was null");
        assertThatThrownBy(() -> ClusterWire.request(10, 1, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body is null");
    }

    // --- interleaving ---

    @Test
    void smallCallsOvertakeTheVerifiedWayAndTheLargeCallStillJoins() {
        byte[] big = setBig();
        List<byte[]> large = ClusterWire.request(10, 1, false, big);
        byte[] small2 = ClusterWire.request(10, 2, false, hex("1C 47 45 54 0C 61")).get(0);
        byte[] small3 = ClusterWire.request("@sdb", 3, false, hex("1C 47 45 54 0C 62")).get(0);

        assertThat(callee.accept(payload(large.get(0)))).isNull();
        assertRequest(callee.accept(payload(small2)), 10, null, 2, false, hex("1C 47 45 54 0C 61"));
        assertThat(callee.accept(payload(large.get(1)))).isNull();
        assertRequest(callee.accept(payload(small3)), 0, "@sdb", 3, false, hex("1C 47 45 54 0C 62"));
        assertRequest(callee.accept(payload(large.get(2))), 10, null, 1, false, big);
    }

    @Test
    void partsOfSeveralLargeMessagesInterleaveBothWays() {
        Random random = new Random(14);
        byte[] a = new byte[3 * PART + 17];
        byte[] b = new byte[2 * PART];
        random.nextBytes(a);
        random.nextBytes(b);
        List<byte[]> ra = ClusterWire.request(10, 21, false, a);
        List<byte[]> rb = ClusterWire.request("@big", 22, true, b);
        List<ClusterRequest> requests = new ArrayList<>();
        for (byte[] f : List.of(ra.get(0), rb.get(0), rb.get(1), ra.get(1), ra.get(2), rb.get(2), ra.get(3), ra.get(4))) {
            ClusterRequest r = callee.accept(payload(f));
            if (r != null) {
                requests.add(r);
            }
        }
        assertThat(requests).hasSize(2);
        assertRequest(requests.get(0), 0, "@big", 22, true, b);
        assertRequest(requests.get(1), 10, null, 21, false, a);

        List<byte[]> pa = ClusterWire.response(31, a);
        List<byte[]> pb = ClusterWire.response(32, b);
        byte[] small = ClusterWire.response(33, hex("0A 0A")).get(0);
        List<ClusterResponse> replies = new ArrayList<>();
        for (byte[] f : List.of(pa.get(0), pa.get(1), pb.get(0), small, pb.get(1), pa.get(2), pb.get(2), pa.get(3),
                pa.get(4))) {
            ClusterResponse r = caller.accept(payload(f));
            if (r != null) {
                replies.add(r);
            }
        }
        assertThat(replies).extracting(ClusterResponse::session).containsExactly(33, 32, 31);
        assertOk(replies.get(1), 32, b);
        assertOk(replies.get(2), 31, a);
    }

    @Test
    void whatIsEncodedDecodesToTheSameMessage() {
        Random random = new Random(1401);
        int[] sizes = {0, 1, 100, PART - 1, PART, PART + 1, 2 * PART - 1, 2 * PART, 5 * PART + 3, 300_000};
        int session = 1;
        for (int size : sizes) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            for (Object target : List.of(7, "@db", ".local")) {
                for (boolean push : new boolean[] {false, true}) {
                    ClusterRequest r = feed(callee, ClusterWire.request(target, session, push, body));
                    int expected = push && size < PART ? 0 : session;
                    assertRequest(r, target instanceof Integer i ? i : 0, target instanceof String s ? s : null,
                            expected, push, body);
                    session++;
                }
            }
            ClusterResponse reply = null;
            for (byte[] f : ClusterWire.response(session, body)) {
                reply = caller.accept(payload(f));
            }
            assertOk(reply, session, body);
        }
        assertThat(callee.pendingBytes()).isZero();
        assertThat(caller.pendingBytes()).isZero();
    }

    // --- performance ---

    @Test
    void smallRequestsAndRepliesAllocateOnlyTheFrameAndTheBody() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] body = new byte[200];
        int frameArray = arrayBytes(2 + 6 + 4 + body.length);
        int bodyArray = arrayBytes(body.length);
        long[] perOp = new long[4];
        for (int round = 0; round < 3; round++) { // the first rounds warm up (class loading, JIT)
            perOp[0] = perCall(threads, () -> ClusterWire.request("@sdb", 5, false, body));
            perOp[1] = perCall(threads, () -> ClusterWire.response(5, body));
            byte[] request = payload(ClusterWire.request("@sdb", 5, false, body).get(0));
            perOp[2] = perCall(threads, () -> callee.accept(request));
            byte[] reply = payload(ClusterWire.response(5, body).get(0));
            perOp[3] = perCall(threads, () -> caller.accept(reply));
        }
        // Beyond the byte arrays only the one-element List or the record (at most 48 bytes each).
        assertThat(perOp[0]).as("request encode").isLessThanOrEqualTo(frameArray + 48);
        assertThat(perOp[1]).as("reply encode").isLessThanOrEqualTo(arrayBytes(2 + 5 + body.length) + 48);
        assertThat(perOp[2]).as("request decode").isLessThanOrEqualTo(bodyArray + 48);
        assertThat(perOp[3]).as("reply decode").isLessThanOrEqualTo(bodyArray + 48);
    }

    private static long perCall(com.sun.management.ThreadMXBean threads, Runnable op) {
        int n = 10_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / n;
    }

    private static int arrayBytes(int length) {
        return (16 + length + 7) & ~7;
    }

    // --- helpers ---

    private static ClusterRequest feed(RequestAssembler assembler, List<byte[]> frames) {
        ClusterRequest done = null;
        for (int i = 0; i < frames.size(); i++) {
            done = assembler.accept(payload(frames.get(i)));
            assertThat(done == null).as("complete only at the last frame").isEqualTo(i < frames.size() - 1);
        }
        return done;
    }

    /** The type byte of each frame, at {@code at} (2 for requests, 6 for replies). */
    private static List<Integer> types(List<byte[]> frames, int at) {
        return frames.stream().map(f -> f[at] & 0xFF).toList();
    }

    static void assertRequest(ClusterRequest r, int address, String name, int session, boolean push, byte[] body) {
        assertThat(r).isNotNull();
        assertThat(r.address()).as("address").isEqualTo(address);
        assertThat(r.name()).as("name").isEqualTo(name);
        assertThat(r.session()).as("session").isEqualTo(session);
        assertThat(r.push()).as("push").isEqualTo(push);
        assertThat(r.invalid()).as("invalid").isNull();
        assertThat(r.body()).as("body").isEqualTo(body);
    }

    static void assertOk(ClusterResponse r, int session, byte[] body) {
        assertThat(r).isNotNull();
        assertThat(r.session()).isEqualTo(session);
        assertThat(r.ok()).as("ok, error " + r.error()).isTrue();
        assertThat(r.body()).isEqualTo(body);
    }

    static void assertError(ClusterResponse r, int session, String error) {
        assertThat(r).isNotNull();
        assertThat(r.session()).isEqualTo(session);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo(error);
    }
}

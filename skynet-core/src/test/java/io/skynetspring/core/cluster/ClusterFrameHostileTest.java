package io.skynetspring.core.cluster;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static io.skynetspring.core.cluster.ClusterWireSpecTest.assertError;
import static io.skynetspring.core.cluster.ClusterWireSpecTest.assertOk;
import static io.skynetspring.core.cluster.ClusterWireSpecTest.assertRequest;
import static io.skynetspring.core.cluster.Frames.concat;
import static io.skynetspring.core.cluster.Frames.hex;
import static io.skynetspring.core.cluster.Frames.payload;
import static io.skynetspring.core.cluster.Frames.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Frames a broken or hostile peer sends: each one that breaks the protocol is a
 * {@link ClusterFrameException} naming what was wrong (the runtime closes the link); large messages
 * whose parts do not add up complete as "Invalid large req" / "Invalid large response"; what the
 * assemblers hold stays within maxPending x maxMessage and is what actually arrived.
 */
class ClusterFrameHostileTest {

    private static final int PART = 0x8000;
    private static final int MAX_MESSAGE = 100_000;
    private static final int MAX_PENDING = 4;

    private final RequestAssembler callee = new RequestAssembler(MAX_MESSAGE, MAX_PENDING);
    private final ResponseAssembler caller = new ResponseAssembler(MAX_MESSAGE, MAX_PENDING);

    // --- requests ---

    @Test
    void unknownRequestTypeIsRefused() {
        for (int type : new int[] {0x05, 0x40, 0x42, 0x7F, 0x82, 0xFF}) {
            byte[] frame = concat(new byte[] {(byte) type}, hex("0A 00 00 00 01 00 00 00 00"));
            assertThatThrownBy(() -> callee.accept(frame)).isInstanceOf(ClusterFrameException.class)
                    .hasMessageContaining("unknown cluster request type 0x" + String.format("%02x", type));
        }
        assertThatThrownBy(() -> callee.accept(new byte[0])).isInstanceOf(ClusterFrameException.class)
                .hasMessageContaining("empty cluster request frame");
    }

    @Test
    void truncatedRequestFieldsAreRefused() {
        assertRefused(callee, "00 | 0A 00 00 00 | 01 00 00", "type 0x00 (address, session): 8 bytes, at least 9");
        assertRefused(callee, "80", "type 0x80: no name length");
        assertRefused(callee, "80 | 04 | 40 73 64 62 | 01 00 00", "type 0x80 (name, session): 9 bytes, at least 10");
        assertRefused(callee, "80 | 00 | 01 00 00 00 | 00", "names an empty target (name length 0)");
        assertRefused(callee, "01 | 0A 00 00 00 | 01 00 00 00 | 00 80 00", "type 0x01 has 12 bytes, 13 expected");
        assertRefused(callee, "41 | 0A 00 00 00 | 01 00 00 00 | 00 80 00 00 | 00", "type 0x41 has 14 bytes, 13 expected");
        assertRefused(callee, "81 | 04 | 40 73 64 62 | 01 00 00 00 | 00 80 00", "type 0x81 has 13 bytes, 14 expected");
        assertRefused(callee, "c1 | 05 | 40 73 64 62 | 01 00 00 00 | 00 80 00", "type 0xc1 has 13 bytes, 15 expected");
        assertRefused(callee, "02 | 01 00 00", "type 0x02 (session): 4 bytes, at least 5");
        assertRefused(callee, "03 | 01 00 00", "type 0x03 (session): 4 bytes, at least 5");
    }

    @Test
    void partWithoutStartFrameIsRefused() {
        assertRefused(callee, "02 | 09 00 00 00 | 61 62", "request part (type 0x02) for session 9, which has no start frame");
        assertRefused(callee, "03 | 09 00 00 00 | 61 62", "request part (type 0x03) for session 9, which has no start frame");
        // a finished message's session is no longer open
        feed(callee, ClusterWire.request(10, 5, false, new byte[PART]));
        assertRefused(callee, "03 | 05 00 00 00 | 61", "for session 5, which has no start frame");
    }

    @Test
    void secondStartFrameForASessionBeingJoinedIsRefused() {
        callee.accept(payload(ClusterWire.request(10, 3, false, new byte[PART]).get(0)));
        assertRefused(callee, "c1 | 01 | 53 | 03 00 00 00 | 00 90 00 00",
                "second start frame for session 3, whose large request is still being joined");
    }

    @Test
    void announcedSizeOverMaxMessageIsRefused() {
        assertRefused(callee, "01 | 0A 00 00 00 | 01 00 00 00 | A1 86 01 00",
                "large request of session 1 announces 100001 bytes, over the limit of 100000 (maxMessage)");
        assertRefused(callee, "81 | 01 | 53 | 02 00 00 00 | FF FF FF FF", "announces 4294967295 bytes");
        assertThat(callee.accept(hex("01 | 0A 00 00 00 | 01 00 00 00 | A0 86 01 00"))).as("exactly maxMessage").isNull();
    }

    @Test
    void moreThanMaxPendingLargeRequestsAreRefused() {
        for (int session = 1; session <= MAX_PENDING; session++) {
            callee.accept(payload(ClusterWire.request(10, session, false, new byte[PART]).get(0)));
        }
        assertRefused(callee, "01 | 0A 00 00 00 | 05 00 00 00 | 00 80 00 00",
                "more than 4 large request messages being joined at once (start frame of session 5)");
        // the limit counts messages being joined, not messages ever started
        assertThat(callee.accept(concat(hex("03 | 01 00 00 00"), new byte[PART]))).isNotNull();
        assertThat(callee.accept(hex("01 | 0A 00 00 00 | 05 00 00 00 | 00 80 00 00"))).isNull();
    }

    @Test
    void lastPartShortOfTheAnnouncedSizeIsAnInvalidLargeReq() {
        List<byte[]> frames = ClusterWire.request(10, 7, false, new byte[40_011]);
        assertThat(callee.accept(hex("04 | 74 61 67"))).isNull();
        assertThat(callee.accept(payload(frames.get(0)))).isNull();
        // the 7243-byte last part never comes; a last part right after the first part's data does
        ClusterRequest r = callee.accept(concat(hex("03 | 07 00 00 00"), new byte[PART]));
        assertInvalid(r, 10, null, 7, false, "tag");
        assertThat(callee.pendingBytes()).isZero();
        // the connection goes on: the same session may start again, other requests are served
        assertRequest(feed(callee, ClusterWire.request(10, 7, false, new byte[40_011])), 10, null, 7, false,
                new byte[40_011]);
    }

    @Test
    void partsBeyondTheAnnouncedSizeAreAnInvalidLargeReqAndAreNotKept() {
        assertThat(callee.accept(hex("c1 | 04 | 40 73 64 62 | 08 00 00 00 | 40 9C 00 00"))).isNull(); // 40000 bytes
        assertThat(callee.accept(concat(hex("02 | 08 00 00 00"), new byte[PART]))).isNull();
        assertThat(callee.pendingBytes()).isEqualTo(PART);
        assertThat(callee.accept(concat(hex("02 | 08 00 00 00"), new byte[PART]))).isNull();
        assertThat(callee.pendingBytes()).as("an overrun message drops what it held").isZero();
        assertThat(callee.accept(concat(hex("02 | 08 00 00 00"), new byte[PART]))).isNull();
        assertThat(callee.pendingBytes()).isZero();
        assertInvalid(callee.accept(hex("03 | 08 00 00 00 | 61")), 0, "@sdb", 8, true, null);
    }

    @Test
    void smallRequestsGoOnBetweenAnInvalidLargeOnesParts() {
        callee.accept(hex("01 | 0A 00 00 00 | 09 00 00 00 | 10 00 00 00")); // announces 16 bytes
        callee.accept(hex("02 | 09 00 00 00 | 61 62 63 64 65 66 67 68 69 6A"));
        assertRequest(callee.accept(hex("00 | 0B 00 00 00 | 0A 00 00 00 | 0A 0A")), 11, null, 10, false, hex("0A 0A"));
        assertInvalid(callee.accept(hex("03 | 09 00 00 00 | 61 62 63 64 65 66 67")), 10, null, 9, false, null);
    }

    // --- replies ---

    @Test
    void unknownOrTruncatedRepliesAreRefused() {
        assertRefused(caller, "05 00 00 00 | 05 | 61", "unknown cluster reply type 5 for session 5");
        assertRefused(caller, "05 00 00 00 | FF", "unknown cluster reply type 255");
        assertRefused(caller, "05 00 00 00", "truncated cluster reply: 4 bytes, at least 5 expected");
        assertRefused(caller, "", "truncated cluster reply: 0 bytes");
        assertRefused(caller, "05 00 00 00 | 02 | 00 80 00", "reply start frame (type 2) has 8 bytes, 9 expected");
        assertRefused(caller, "05 00 00 00 | 02 | 00 80 00 00 00", "reply start frame (type 2) has 10 bytes, 9 expected");
    }

    @Test
    void replyPartsWithoutStartOrWithASecondStartAreRefused() {
        assertRefused(caller, "06 00 00 00 | 03 | 61", "reply part (type 3) for session 6, which has no start frame");
        assertRefused(caller, "06 00 00 00 | 04 | 61", "reply part (type 4) for session 6, which has no start frame");
        caller.accept(hex("06 00 00 00 | 02 | 01 80 00 00"));
        assertRefused(caller, "06 00 00 00 | 02 | 01 80 00 00",
                "second start frame for session 6, whose large reply is still being joined");
    }

    @Test
    void replySizeAndCountLimitsAreEnforced() {
        assertRefused(caller, "07 00 00 00 | 02 | A1 86 01 00",
                "large reply of session 7 announces 100001 bytes, over the limit of 100000 (maxMessage)");
        for (int session = 1; session <= MAX_PENDING; session++) {
            caller.accept(payload(ClusterWire.response(session, new byte[PART + 1]).get(0)));
        }
        assertRefused(caller, "08 00 00 00 | 02 | 01 80 00 00", "more than 4 large reply messages being joined at once");
    }

    @Test
    void replyPartsThatDoNotAddUpFailTheCall() {
        caller.accept(hex("0C 00 00 00 | 02 | 10 00 00 00")); // 16 bytes announced
        assertError(caller.accept(hex("0C 00 00 00 | 04 | 61 62 63")), 12, "Invalid large response");
        caller.accept(hex("0D 00 00 00 | 02 | 04 00 00 00"));
        caller.accept(hex("0D 00 00 00 | 03 | 61 62 63"));
        assertError(caller.accept(hex("0D 00 00 00 | 04 | 64 65")), 13, "Invalid large response");
        assertThat(caller.pendingBytes()).isZero();
        assertOk(caller.accept(hex("0E 00 00 00 | 01 | 0A 0A")), 14, hex("0A 0A"));
    }

    // --- memory ---

    @Test
    void bigAnnouncementsCostOnlyWhatArrives() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int maxMessage = 16 << 20;
        int peers = 8;
        // Eight 16 MiB requests and eight 16 MiB replies announced, 100 bytes of each sent.
        List<byte[]> requestFrames = new ArrayList<>();
        List<byte[]> replyFrames = new ArrayList<>();
        for (int session = 1; session <= peers; session++) {
            byte[] start = hex("01 | 0A 00 00 00 | 00 00 00 00 | 00 00 00 01");
            byte[] part = concat(hex("02 | 00 00 00 00"), repeat(100, 'x'));
            ClusterWire.putU32(start, 5, session);
            ClusterWire.putU32(part, 1, session);
            requestFrames.addAll(List.of(start, part));
            byte[] replyStart = hex("00 00 00 00 | 02 | 00 00 00 01");
            byte[] replyPart = concat(hex("00 00 00 00 | 03"), repeat(100, 'y'));
            ClusterWire.putU32(replyStart, 0, session);
            ClusterWire.putU32(replyPart, 0, session);
            replyFrames.addAll(List.of(replyStart, replyPart));
        }
        for (int round = 0; round < 2; round++) { // the first round loads the classes
            RequestAssembler requests = new RequestAssembler(maxMessage, peers);
            ResponseAssembler replies = new ResponseAssembler(maxMessage, peers);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (byte[] f : requestFrames) {
                assertThat(requests.accept(f)).isNull();
            }
            for (byte[] f : replyFrames) {
                assertThat(replies.accept(f)).isNull();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(requests.pendingBytes()).isEqualTo(peers * 100);
            assertThat(replies.pendingBytes()).isEqualTo(peers * 100);
            if (round == 1) {
                assertThat(allocated).as("16 x 16 MiB announced, 1,600 bytes sent").isLessThan(16 * 1024);
            }
        }
    }

    @Test
    void pendingBytesAreTheBytesReceivedAndStayWithinTheBound() {
        for (int session = 1; session <= MAX_PENDING; session++) {
            List<byte[]> frames = ClusterWire.request(10, session, false, new byte[MAX_MESSAGE]);
            for (byte[] f : frames.subList(0, frames.size() - 1)) {
                assertThat(callee.accept(payload(f))).isNull();
            }
        }
        assertThat(callee.pendingBytes()).isEqualTo(MAX_PENDING * 3L * PART)
                .isLessThanOrEqualTo((long) MAX_PENDING * MAX_MESSAGE);
        // a last part that would overrun frees its message at once
        assertInvalid(callee.accept(concat(hex("03 | 01 00 00 00"), new byte[PART])), 10, null, 1, false, null);
        assertThat(callee.pendingBytes()).isEqualTo((MAX_PENDING - 1) * 3L * PART);
    }

    @Test
    void joiningALargeMessageCopiesItAFewTimesAtMost() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int size = 4 << 20;
        RequestAssembler requests = new RequestAssembler(size, 1);
        List<byte[]> payloads = ClusterWire.request(10, 1, false, new byte[size]).stream().map(Frames::payload).toList();
        long before = threads.getCurrentThreadAllocatedBytes();
        ClusterRequest r = null;
        for (byte[] p : payloads) {
            r = requests.accept(p);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.body()).hasSize(size);
        assertThat(allocated).as("arrays doubling up to the size, the last one the body").isLessThan(2L * size + 4096);
    }

    // --- helpers ---

    private static void assertRefused(RequestAssembler assembler, String payloadHex, String message) {
        assertThatThrownBy(() -> assembler.accept(hex(payloadHex))).isInstanceOf(ClusterFrameException.class)
                .hasMessageContaining(message);
    }

    private static void assertRefused(ResponseAssembler assembler, String payloadHex, String message) {
        assertThatThrownBy(() -> assembler.accept(hex(payloadHex))).isInstanceOf(ClusterFrameException.class)
                .hasMessageContaining(message);
    }

    private static void assertInvalid(ClusterRequest r, int address, String name, int session, boolean push, String trace) {
        assertThat(r).isNotNull();
        assertThat(r.invalid()).isEqualTo("Invalid large req");
        assertThat(r.address()).isEqualTo(address);
        assertThat(r.name()).isEqualTo(name);
        assertThat(r.session()).isEqualTo(session);
        assertThat(r.push()).isEqualTo(push);
        assertThat(r.trace()).isEqualTo(trace);
    }

    private static ClusterRequest feed(RequestAssembler assembler, List<byte[]> frames) {
        ClusterRequest done = null;
        for (byte[] f : frames) {
            done = assembler.accept(payload(f));
        }
        return done;
    }
}

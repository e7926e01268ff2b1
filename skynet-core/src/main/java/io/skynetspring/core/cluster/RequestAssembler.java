package io.skynetspring.core.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.skynetspring.core.cluster.ClusterWire.u32;

/**
 * The callee's reader of request frames on one connection: joins large requests per session (parts
 * of other messages may come between). Not thread-safe: one per connection, used by its I/O thread.
 *
 * <pre>{@code
 * ClusterRequest request = assembler.accept(payload);   // null until a request is whole
 * }</pre>
 */
final class RequestAssembler {

    /** The error a large request whose parts do not add up is answered with (skynet's text). */
    static final String INVALID_LARGE = "Invalid large req";

    private final LargeMessages<Target> large;
    private final NameCache names = new NameCache();
    private String trace;

    /** What a large request's start frame said, kept until its last part. */
    private record Target(int address, String name, boolean push, String trace) {
    }

    /**
     * @param maxMessage largest joined body accepted (a larger announced size is a ClusterFrameException)
     * @param maxPending most large messages being joined at once on this connection
     */
    RequestAssembler(int maxMessage, int maxPending) {
        large = new LargeMessages<>("request", maxMessage, maxPending);
    }

    /**
     * Reads one frame's payload (without its u16 length). Returns the request it completes, or null
     * (a start frame, a middle part, a trace tag). Throws {@link ClusterFrameException} for a frame
     * that breaks the protocol. A small request with session 0 is a push; a trace tag goes with the
     * next request frame (for a large request: its start frame), as in skynet's clusteragent.
     */
    ClusterRequest accept(byte[] payload) {
        if (payload.length == 0) {
            throw new ClusterFrameException("empty cluster request frame (no type byte)");
        }
        int type = payload[0] & 0xFF;
        switch (type) {
            case ClusterWire.REQUEST -> {
                atLeast(payload, 9, "type 0x00 (address, session)");
                return small(u32(payload, 1), null, u32(payload, 5), payload, 9);
            }
            case ClusterWire.REQUEST_NAME -> {
                int length = nameLength(payload);
                atLeast(payload, 6 + length, "type 0x80 (name, session)");
                return small(0, names.name(payload, 2, length), u32(payload, 2 + length), payload, 6 + length);
            }
            case ClusterWire.LARGE_CALL, ClusterWire.LARGE_PUSH -> {
                exactly(payload, 13, type);
                start(u32(payload, 1), null, u32(payload, 5), type == ClusterWire.LARGE_PUSH, payload, 9);
                return null;
            }
            case ClusterWire.LARGE_CALL_NAME, ClusterWire.LARGE_PUSH_NAME -> {
                int length = nameLength(payload);
                exactly(payload, 10 + length, type);
                start(0, names.name(payload, 2, length), u32(payload, 2 + length), type == ClusterWire.LARGE_PUSH_NAME,
                        payload, 6 + length);
                return null;
            }
            case ClusterWire.PART_MORE -> {
                atLeast(payload, 5, "type 0x02 (session)");
                large.part(u32(payload, 1), payload, 5, "type 0x02");
                return null;
            }
            case ClusterWire.PART_LAST -> {
                atLeast(payload, 5, "type 0x03 (session)");
                int session = u32(payload, 1);
                LargeMessages.Joining<Target> joined = large.last(session, payload, 5, "type 0x03");
                Target t = joined.head;
                byte[] body = joined.body();
                return new ClusterRequest(t.address, t.name, session, t.push, body == null ? LargeMessages.EMPTY : body,
                        t.trace, body == null ? INVALID_LARGE : null);
            }
            case ClusterWire.TRACE -> {
                trace = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
                return null;
            }
            default -> throw new ClusterFrameException("unknown cluster request type 0x" + hex(type) + " (frame of "
                    + payload.length + " bytes)");
        }
    }

    /** Bytes held for large messages not yet complete. */
    long pendingBytes() {
        return large.pendingBytes();
    }

    private ClusterRequest small(int address, String name, int session, byte[] payload, int from) {
        String tag = trace;
        trace = null;
        byte[] body = from == payload.length ? LargeMessages.EMPTY : Arrays.copyOfRange(payload, from, payload.length);
        return new ClusterRequest(address, name, session, session == 0, body, tag, null);
    }

    private void start(int address, String name, int session, boolean push, byte[] payload, int sizeAt) {
        String tag = trace;
        trace = null;
        large.start(session, Integer.toUnsignedLong(u32(payload, sizeAt)), new Target(address, name, push, tag));
    }

    private static int nameLength(byte[] payload) {
        int type = payload[0] & 0xFF;
        if (payload.length < 2) {
            throw new ClusterFrameException("truncated cluster request type 0x" + hex(type) + ": no name length");
        }
        int length = payload[1] & 0xFF;
        if (length == 0) {
            throw new ClusterFrameException("cluster request type 0x" + hex(type) + " names an empty target (name length 0)");
        }
        return length;
    }

    private static void atLeast(byte[] payload, int size, String what) {
        if (payload.length < size) {
            throw new ClusterFrameException("truncated cluster request " + what + ": " + payload.length
                    + " bytes, at least " + size + " expected");
        }
    }

    private static void exactly(byte[] payload, int size, int type) {
        if (payload.length != size) {
            throw new ClusterFrameException("cluster request start frame type 0x" + hex(type) + " has " + payload.length
                    + " bytes, " + size + " expected");
        }
    }

    private static String hex(int type) {
        return type < 0x10 ? "0" + Integer.toHexString(type) : Integer.toHexString(type);
    }

    /**
     * The last few target names seen, so that calls to the same {@code "@sdb"} do not make a new String
     * each time. Direct-mapped, 16 slots of at most 255 bytes each.
     */
    private static final class NameCache {
        private final byte[][] keys = new byte[16][];
        private final String[] names = new String[16];

        String name(byte[] b, int from, int length) {
            int h = length;
            for (int i = from; i < from + length; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ h >>> 4) & 15;
            byte[] key = keys[slot];
            if (key != null && Arrays.equals(key, 0, key.length, b, from, from + length)) {
                return names[slot];
            }
            keys[slot] = Arrays.copyOfRange(b, from, from + length);
            names[slot] = new String(b, from, length, StandardCharsets.UTF_8);
            return names[slot];
        }
    }
}

package io.skynetspring.core.cluster;

import java.util.List;

/**
 * Encoders for skynet's cluster frames (cluster-protocol.md sections 2-4). Every returned array is
 * one whole frame: u16 big-endian length, then the payload. SKELETON: the frames helper fills it in.
 */
final class ClusterWire {

    /** Part size of large messages. */
    static final int PART = 0x8000;

    private ClusterWire() {
    }

    /**
     * A request's frames: one frame for a body under {@link #PART}, else a start frame and parts.
     * {@code target} is an {@code Integer} handle (0 = name query) or a {@code String} name (1..255
     * UTF-8 bytes). {@code push} with a small body sends session 0 whatever {@code session} says.
     */
    static List<byte[]> request(Object target, int session, boolean push, byte[] body) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A success reply's frames: one type-1 frame up to {@link #PART} bytes, else type 2, 3..., 4. */
    static List<byte[]> response(int session, byte[] body) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** An error reply (type 0): raw text bytes, cut to {@link #PART}. */
    static byte[] error(int session, String text) {
        throw new UnsupportedOperationException("skeleton");
    }
}

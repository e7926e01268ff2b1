package io.skynetspring.core.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.skynetspring.core.cluster.ClusterWire.u32;

/**
 * The caller's reader of reply frames on one connection: joins large replies per session (other
 * replies may come between their parts). Not thread-safe: one per connection.
 *
 * <pre>{@code
 * ClusterResponse reply = assembler.accept(payload);   // null until a reply is whole
 * }</pre>
 */
final class ResponseAssembler {

    /** The error a large reply whose parts do not add up completes with (skynet would return an empty reply). */
    static final String INVALID_LARGE = "Invalid large response";

    private final LargeMessages<Void> large;

    /**
     * @param maxMessage largest joined body accepted (a larger announced size is a ClusterFrameException)
     * @param maxPending most large replies being joined at once on this connection
     */
    ResponseAssembler(int maxMessage, int maxPending) {
        large = new LargeMessages<>("reply", maxMessage, maxPending);
    }

    /**
     * Reads one frame's payload; returns the reply it completes or null. A large reply whose parts do
     * not add up to the announced size completes as an error reply ("Invalid large response").
     */
    ClusterResponse accept(byte[] payload) {
        if (payload.length < 5) {
            throw new ClusterFrameException("truncated cluster reply: " + payload.length
                    + " bytes, at least 5 expected (session, type)");
        }
        int session = u32(payload, 0);
        int type = payload[4] & 0xFF;
        switch (type) {
            case ClusterWire.REPLY_ERROR -> {
                return new ClusterResponse(session, false, null,
                        new String(payload, 5, payload.length - 5, StandardCharsets.UTF_8));
            }
            case ClusterWire.REPLY_OK -> {
                byte[] body = payload.length == 5 ? LargeMessages.EMPTY : Arrays.copyOfRange(payload, 5, payload.length);
                return new ClusterResponse(session, true, body, null);
            }
            case ClusterWire.REPLY_LARGE -> {
                if (payload.length != 9) {
                    throw new ClusterFrameException("cluster reply start frame (type 2) has " + payload.length
                            + " bytes, 9 expected");
                }
                large.start(session, Integer.toUnsignedLong(u32(payload, 5)), null);
                return null;
            }
            case ClusterWire.REPLY_PART -> {
                large.part(session, payload, 5, "type 3");
                return null;
            }
            case ClusterWire.REPLY_LAST -> {
                byte[] body = large.last(session, payload, 5, "type 4").body();
                return body != null ? new ClusterResponse(session, true, body, null)
                        : new ClusterResponse(session, false, null, INVALID_LARGE);
            }
            default -> throw new ClusterFrameException("unknown cluster reply type " + type + " for session "
                    + Integer.toUnsignedString(session));
        }
    }

    /** Bytes held for large replies not yet complete. */
    long pendingBytes() {
        return large.pendingBytes();
    }
}

package io.skynetspring.core.cluster;

/**
 * The callee's reader of request frames on one connection: joins large requests per session (parts
 * of other messages may come between). Not thread-safe: one per connection, used by its I/O thread.
 * SKELETON: the frames helper fills it in.
 */
final class RequestAssembler {

    /**
     * @param maxMessage largest joined body accepted (a larger announced size is a ClusterFrameException)
     * @param maxPending most large messages being joined at once on this connection
     */
    RequestAssembler(int maxMessage, int maxPending) {
    }

    /**
     * Reads one frame's payload (without its u16 length). Returns the request it completes, or null
     * (a start frame, a middle part, a trace tag). Throws {@link ClusterFrameException} for a frame
     * that breaks the protocol.
     */
    ClusterRequest accept(byte[] payload) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Bytes held for large messages not yet complete. */
    long pendingBytes() {
        throw new UnsupportedOperationException("skeleton");
    }
}

package io.skynetspring.core.cluster;

/**
 * The caller's reader of reply frames on one connection: joins large replies per session. Not
 * thread-safe: one per connection. SKELETON: the frames helper fills it in.
 */
final class ResponseAssembler {

    ResponseAssembler(int maxMessage, int maxPending) {
    }

    /**
     * Reads one frame's payload; returns the reply it completes or null. A large reply whose parts do
     * not add up to the announced size completes as an error reply ("Invalid large response").
     */
    ClusterResponse accept(byte[] payload) {
        throw new UnsupportedOperationException("skeleton");
    }

    long pendingBytes() {
        throw new UnsupportedOperationException("skeleton");
    }
}

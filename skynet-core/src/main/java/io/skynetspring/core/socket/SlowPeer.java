package io.skynetspring.core.socket;

/**
 * What a connection does once its unsent data passes the high mark
 * ({@link SocketOptions#sendHigh()}), until it drains below the low mark ({@link SocketOptions#sendLow()}).
 * Nothing more is queued in any case, so a peer that does not read costs at most the high mark
 * plus one write. Each refused or dropped write is counted ({@code socket.write.refused},
 * {@code socket.write.dropped}); a slow-peer close is counted and logged once ({@code socket.closed.slow}).
 *
 * <pre>{@code SocketDriver.start(SocketOptions.defaults().withSlowPeer(SlowPeer.REFUSE))}</pre>
 */
public enum SlowPeer {

    /** {@code write} returns false and queues nothing; the connection stays open. */
    REFUSE,

    /**
     * {@code write} returns true but the data is discarded: for traffic where the next message
     * supersedes this one (positions, state broadcasts), so callers that read {@code false} as
     * "the peer is gone", as skynet's {@code socket.write} means it, keep working.
     */
    DROP,

    /**
     * As {@link #REFUSE}, and a peer whose unsent data stays above the low mark for
     * {@link SocketOptions#slowTime()} after passing the high mark is shut (unsent data dropped).
     */
    CLOSE
}

package io.skynetspring.boot.web.websocket;

/**
 * What a WebSocket connection does with a peer that does not read what it is sent, once the
 * unsent bytes pass the high-water mark ({@code skynet.http.websocket.slow-peer}).
 *
 * <pre>{@code skynet.http.websocket.slow-peer=refuse}</pre>
 */
public enum SlowPeer {

    /** Writes are refused ({@code write} returns false) until the unsent bytes fall to the low-water mark; the connection stays open. */
    REFUSE,

    /**
     * Writes are refused as with {@link #REFUSE}, and a peer still above the low-water mark
     * {@code slow-close-after} later is cut off: the service sees close 1008 "too slow to read".
     */
    CLOSE
}

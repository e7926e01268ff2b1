package io.skynetspring.core.socket;

import reactor.core.Disposable;

/**
 * One of a {@link ConnectionPool}'s fixed places: the connection it holds now (or is making) and
 * its reconnect history. Touched only in the pool's service.
 */
final class PoolSlot {

    enum State { CONNECTING, RETRYING, IDLE, BUSY, PROBING, CLOSED }

    final int index;
    State state = State.CONNECTING;
    Connection conn;
    /** Failed connects and early drops in a row; picks the back-off. */
    int streak;
    /** False until the slot's first connection opened: later connects are reconnects. */
    boolean connectedOnce;
    /** When the current connection opened ({@code System.nanoTime}). */
    long openedAt;
    /** The current connection served a checkout or passed a probe: its drop is not the backend's fault. */
    boolean proven;
    /** The peer shut its side of the current connection; it leaves the pool at its next return. */
    boolean peerGone;
    /** The pending reconnect or probe deadline. */
    Disposable timer;

    PoolSlot(int index) {
        this.index = index;
    }

    void cancelTimer() {
        Disposable t = timer;
        timer = null;
        if (t != null) {
            t.dispose();
        }
    }

    /** An open connection that can be handed out. */
    boolean healthy() {
        return conn != null && conn.isOpen() && !peerGone && !conn.isAbandoned();
    }
}

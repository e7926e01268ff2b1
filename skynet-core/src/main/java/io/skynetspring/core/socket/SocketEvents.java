package io.skynetspring.core.socket;

/** Where a TCP socket reports what happened to it; called on its event loop, implementations hop to their service. */
interface SocketEvents {

    /** Unsent data crossed skynet's warning threshold ({@code kib} > 0) or drained ({@code kib} == 0). */
    void warning(long kib);

    /** The connection is closed; called once. */
    void closed();
}

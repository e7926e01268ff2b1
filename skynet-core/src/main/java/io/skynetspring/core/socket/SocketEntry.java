package io.skynetspring.core.socket;

/** What the driver's socket table needs of every socket kind: its row in netstat and a way to end it. */
interface SocketEntry {

    int id();

    /** The owning service's handle, or null while the socket is handed over. */
    Sockets holder();

    SocketStat stat();

    /** Closes at once, discarding unsent data; used when the owner died or the driver closes. */
    void forceClose();
}

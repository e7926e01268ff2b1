package io.skynetspring.samples.gateway.link;

import io.skynetspring.core.service.Shareable;
import io.skynetspring.core.socket.Sockets;

/**
 * A client of the TCP gate, written to by connection id; the gate's pipeline adds the 2-byte length.
 *
 * <pre>{@code new TcpLink(Sockets.of(ctx), fd, "127.0.0.1:50112").send(packet);}</pre>
 */
@Shareable
public final class TcpLink implements ClientLink {

    private final Sockets sockets;
    private final int fd;
    private final String remote;

    public TcpLink(Sockets sockets, int fd, String remote) {
        this.sockets = sockets;
        this.fd = fd;
        this.remote = remote;
    }

    public int fd() {
        return fd;
    }

    Sockets sockets() {
        return sockets;
    }

    @Override
    public boolean send(byte[] packet) {
        return sockets.write(fd, packet);
    }

    @Override
    public void close() {
        sockets.close(fd);
    }

    @Override
    public String describe() {
        return "tcp " + fd + " " + remote;
    }
}

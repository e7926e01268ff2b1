package io.skynetspring.core.socket;

import java.net.InetSocketAddress;

/**
 * The sender of a datagram, to answer with {@link UdpSocket#sendto(UdpPeer, byte[])} (skynet's
 * opaque {@code from}; {@code udp_address(from)} is {@link #host()} and {@link #port()}).
 *
 * <pre>{@code udp.sendto(from, data)   // echo}</pre>
 */
public record UdpPeer(String host, int port) {

    static UdpPeer of(InetSocketAddress a) {
        return new UdpPeer(a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress(), a.getPort());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}

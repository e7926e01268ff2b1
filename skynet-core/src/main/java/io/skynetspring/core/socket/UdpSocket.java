package io.skynetspring.core.socket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.udp.UdpClient;
import reactor.netty.udp.UdpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;

/**
 * A UDP socket (skynet's {@code socket.udp} / {@code udp_dial}); each datagram reaches the
 * handler in the owning service's mailbox with its sender.
 *
 * <pre>{@code sockets.udp((data, from) -> udp.sendto(from, data), "127.0.0.1", 0)}</pre>
 */
public final class UdpSocket implements SocketEntry {

    private static final String READER = "skynet.datagrams";

    private final int id;
    private final Sockets sockets;
    private final BiConsumer<byte[], UdpPeer> handler;
    private volatile Connection connection;
    private volatile boolean closed;

    private UdpSocket(Sockets sockets, BiConsumer<byte[], UdpPeer> handler) {
        this.id = sockets.driver().nextId();
        this.sockets = sockets;
        this.handler = handler;
    }

    static Mono<UdpSocket> bind(Sockets sockets, BiConsumer<byte[], UdpPeer> handler, String host, int port) {
        UdpSocket u = new UdpSocket(sockets, handler);
        return UdpServer.create().host(host).port(port).runOn(sockets.driver().loops()).bind()
                .onErrorMap(e -> new SocketException("udp " + host + ":" + port + " for service " + sockets.self()
                        + " failed: " + e.getMessage(), e))
                .map(u::attach);
    }

    static Mono<UdpSocket> dial(Sockets sockets, BiConsumer<byte[], UdpPeer> handler, String host, int port) {
        UdpSocket u = new UdpSocket(sockets, handler);
        return UdpClient.create().host(host).port(port).runOn(sockets.driver().loops()).connect()
                .onErrorMap(e -> new SocketException("udp_dial " + host + ":" + port + " for service " + sockets.self()
                        + " failed: " + e.getMessage(), e))
                .map(u::attach);
    }

    private UdpSocket attach(Connection c) {
        this.connection = c;
        c.addHandlerLast(READER, new Datagrams());
        c.onDispose(() -> {
            closed = true;
            sockets.driver().unregister(this);
        });
        if (!sockets.driver().register(this)) {
            throw new SocketException("udp: the socket driver is closed");
        }
        c.channel().config().setAutoRead(true);
        return this;
    }

    public int id() {
        return id;
    }

    /** The local port (the one picked when bound to port 0). */
    public int port() {
        return ((InetSocketAddress) connection.channel().localAddress()).getPort();
    }

    /** Sends {@code data} to {@code to} (a sender given to the handler); false once closed. */
    public boolean sendto(UdpPeer to, byte[] data) {
        return sendto(to.host(), to.port(), data);
    }

    /** Sends {@code data} to {@code ip:port}; the host must be an IP address (no name lookup on a service thread). */
    public boolean sendto(String ip, int port, byte[] data) {
        if (closed) {
            return false;
        }
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(ip);
        if (raw == null) {
            throw new IllegalArgumentException("sendto on udp socket " + id + ": '" + ip + "' is not an IP address");
        }
        try {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByAddress(raw), port);
            connection.channel().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), to));
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("sendto on udp socket " + id + ": bad address " + ip, e);
        }
    }

    /** Sends {@code data} to the address given to {@code udpDial}. */
    public boolean send(byte[] data) {
        if (closed) {
            return false;
        }
        connection.channel().writeAndFlush(Unpooled.wrappedBuffer(data));
        return true;
    }

    public void close() {
        forceClose();
    }

    @Override
    public Sockets holder() {
        return sockets;
    }

    @Override
    public SocketStat stat() {
        Connection c = connection;
        return new SocketStat(id, "udp", sockets.self(), c == null ? "" : TcpSocket.text(c.channel().localAddress()),
                c == null ? "" : TcpSocket.text(c.channel().remoteAddress()), 0, 0);
    }

    @Override
    public void forceClose() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            c.dispose();
        }
    }

    /** Hands each datagram to the owner's mailbox with its sender. */
    private final class Datagrams extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof DatagramPacket p)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            try {
                byte[] data = ByteBufUtil.getBytes(p.content());
                UdpPeer from = UdpPeer.of(p.sender());
                sockets.post(() -> handler.accept(data, from));
            } finally {
                p.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            sockets.log("udp socket {}: {}", id, cause.toString());
        }
    }
}

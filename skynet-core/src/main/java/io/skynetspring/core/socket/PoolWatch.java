package io.skynetspring.core.socket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;

import java.util.function.BiConsumer;

/**
 * Tells a {@link ConnectionPool} when one of its connections' peer went away, without reading:
 * sits in front of the connection's reader and reports the peer's EOF and the channel's close.
 * An idle pooled connection has no read pending, so without this the pool would only learn of a
 * dropped backend connection when a user tried it.
 */
final class PoolWatch extends ChannelInboundHandlerAdapter {

    static final String NAME = "skynet.pool";

    /** What the watch saw: the peer shut its side (EOF), or the connection closed. */
    enum Event { PEER_CLOSED, CLOSED }

    private final Connection conn;
    private final BiConsumer<Connection, Event> report;

    private PoolWatch(Connection conn, BiConsumer<Connection, Event> report) {
        this.conn = conn;
        this.report = report;
    }

    /** Starts watching {@code conn}; {@code report} is called on the event loop (hop to the service there). */
    static void attach(Connection conn, BiConsumer<Connection, Event> report) {
        TcpSocket s = conn.socket();
        s.execute(() -> {
            Channel ch = s.channel;
            // on the event loop: nothing can change between these checks and the handler going in
            if (!ch.isActive() || ch.pipeline().get(TcpSocket.READER) == null) {
                report.accept(conn, Event.CLOSED);
                return;
            }
            ch.pipeline().addBefore(TcpSocket.READER, NAME, new PoolWatch(conn, report));
            if (ch instanceof DuplexChannel d && d.isInputShutdown()) {
                report.accept(conn, Event.PEER_CLOSED);
            }
        });
    }

    /** Stops watching (the connection left the pool but stays open, e.g. abandoned to another service). */
    static void detach(Connection conn) {
        TcpSocket s = conn.socket();
        s.execute(() -> {
            if (s.channel.pipeline().get(NAME) != null) {
                s.channel.pipeline().remove(NAME);
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            report.accept(conn, Event.PEER_CLOSED);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        report.accept(conn, Event.CLOSED);
        ctx.fireChannelInactive();
    }
}

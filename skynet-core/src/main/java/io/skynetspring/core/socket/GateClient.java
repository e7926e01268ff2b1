package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One client of a gate, on its event loop: takes the frames Netty's decoder cut and sends each
 * straight into the mailbox of the agent it is forwarded to (as {@code "client", fd, payload}) or
 * of the watchdog ({@code "socket", "data", fd, payload}), so frames never queue behind the gate.
 * Lifecycle events go through the gate's own mailbox.
 */
final class GateClient extends ChannelInboundHandlerAdapter implements SocketEvents {

    final TcpSocket socket;
    private final GateService gate;
    private final ServiceContext gateContext;
    private final boolean text;
    private final InboundWatch watch;
    /** Where frames go; null until forward/accept, which is also when reading starts. */
    private Address target;
    private boolean forwarded;
    /** The watchdog hears of one error per client: a reset fails every queued write, each with its own exception. */
    private boolean failed;
    /** The peer's end of input was heard (a FIN, or on io_uring possibly a reset). */
    private boolean peerEnded;

    GateClient(TcpSocket socket, GateService gate, ServiceContext gateContext, boolean text, InboundWatch watch) {
        this.socket = socket;
        this.gate = gate;
        this.gateContext = gateContext;
        this.text = text;
        this.watch = watch;
    }

    int id() {
        return socket.id;
    }

    /** From now on frames go to {@code agent} as client messages; starts reading. */
    void forward(Address agent) {
        socket.execute(() -> begin(agent, true));
    }

    /** Starts reading; frames go to the watchdog as data events. */
    void accept(Address watchdog) {
        socket.execute(() -> begin(watchdog, false));
    }

    private void begin(Address to, boolean asClient) {
        target = to;
        forwarded = asClient;
        if (socket.isOpen()) {
            socket.channel.config().setAutoRead(true);
            watch.listening(true);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        Object payload;
        try {
            payload = text ? frame.toString(StandardCharsets.UTF_8) : ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
        Address to = target;
        if (to == null) {
            return;
        }
        boolean delivered = forwarded
                ? gateContext.send(to, "client", socket.id, payload)
                : gateContext.send(to, "socket", "data", socket.id, payload);
        if (!delivered) {
            SocketDriver.LOG.debug("[{}] gate {}: {} refused a frame", gateContext.self(), socket, to);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            peerEnded = true;
            socket.closeGracefully();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        watch.stop();
        socket.framing = 0;
        socket.inactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failed || !socket.isOpen() && !peerEnded) {
            // a later write of the same failure, or writes failed by a close of ours (kick, slow peer); a write
            // failing after the peer's end was heard is the peer's (io_uring may show a reset as that end)
            ctx.close();
            return;
        }
        failed = true;
        Throwable reason = cause.getCause() != null && !(cause instanceof IOException) ? cause.getCause() : cause;
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        if (reason instanceof IOException) {
            SocketDriver.LOG.debug("[{}] gate {}: {}", gateContext.self(), socket, message);
        } else {
            // a bad frame: hostile input can repeat it on every connection, so the line is rate-limited
            gateContext.incidents().warn("gate.closed.error", gateContext.self(), "gate {}: {}; closing it", socket,
                    message);
        }
        gate.post(() -> gate.error(this, message));
        ctx.close();
    }

    @Override
    public void warning(long kib) {
        gate.post(() -> gate.warning(this, kib));
    }

    @Override
    public void closed() {
        gate.post(() -> gate.closed(this));
    }
}

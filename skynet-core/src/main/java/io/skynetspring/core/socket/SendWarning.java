package io.skynetspring.core.socket;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * skynet's send-buffer warning: reports the unsent size (KiB, rounded up) when it reaches the
 * threshold (1 MiB), again each time it doubles, and 0 once everything is sent. The "drained"
 * edge comes from Netty's writability with a low water mark of 1 byte.
 */
final class SendWarning extends ChannelDuplexHandler {

    private final TcpSocket socket;
    private final long base;
    private long next;
    private boolean warned;

    SendWarning(TcpSocket socket, int base) {
        this.socket = socket;
        this.base = base;
        this.next = base;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        long unsent = socket.unsent();
        if (unsent >= next) {
            warned = true;
            while (next <= unsent) {
                next *= 2;
            }
            report((unsent + 1023) / 1024);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (warned && ctx.channel().isWritable()) {
            warned = false;
            next = base;
            report(0);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void report(long kib) {
        SocketEvents target = socket.events();
        if (target != null) {
            target.warning(kib);
        }
    }
}

package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * A gate's frame decoders (Netty's, for netpack's length header or for lines) that tell the
 * client's {@link InboundWatch} when bytes arrive and whether a frame is left half-received, and
 * show the bytes they hold in {@code netstat}.
 */
final class GateFrames {

    private GateFrames() {
    }

    /** netpack: a {@code header}-byte big-endian length, then at most {@code maxframe} bytes. */
    static ChannelHandler netpack(TcpSocket socket, InboundWatch watch, int header, int maxframe) {
        return new Netpack(socket, watch, header, maxframe);
    }

    /** One frame per {@code \n}- or {@code \r\n}-terminated line of at most {@code maxline} bytes. */
    static ChannelHandler lines(TcpSocket socket, InboundWatch watch, int maxline) {
        return new Lines(socket, watch, maxline);
    }

    private static final class Netpack extends LengthFieldBasedFrameDecoder {
        private final TcpSocket socket;
        private final InboundWatch watch;
        private int frames;

        Netpack(TcpSocket socket, InboundWatch watch, int header, int maxframe) {
            super(maxframe + header, 0, header, 0, header, true);
            this.socket = socket;
            this.watch = watch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            watch.heard();
            int before = frames;
            super.channelRead(ctx, msg);
            socket.framing = actualReadableBytes();
            watch.progress(socket.framing, frames != before, true);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            Object frame = super.decode(ctx, in);
            if (frame != null) {
                frames++;
            }
            return frame;
        }
    }

    private static final class Lines extends LineBasedFrameDecoder {
        private final TcpSocket socket;
        private final InboundWatch watch;
        private int frames;

        Lines(TcpSocket socket, InboundWatch watch, int maxline) {
            super(maxline, true, true);
            this.socket = socket;
            this.watch = watch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            watch.heard();
            int before = frames;
            super.channelRead(ctx, msg);
            socket.framing = actualReadableBytes();
            watch.progress(socket.framing, frames != before, true);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
            Object frame = super.decode(ctx, buffer);
            if (frame != null) {
                frames++;
            }
            return frame;
        }
    }
}

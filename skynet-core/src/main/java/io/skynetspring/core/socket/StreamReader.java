package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The receive buffer of one connection and the reads waiting on it (skynet's Lua-side socket
 * buffer), kept on the event loop. Reading pauses while {@link SocketOptions#readLimit()} bytes
 * wait unread and no read needs more; that is the backpressure.
 */
final class StreamReader extends ChannelInboundHandlerAdapter {

    private final TcpSocket socket;
    private final SocketOptions options;
    private ByteBuf buffer;
    private ArrayDeque<ReadRequest<?>> pending;
    private Connection owner;
    private boolean eof;
    private boolean stopped;
    private boolean closeAfterEof;
    private SocketException broken;
    private volatile int unread;

    StreamReader(TcpSocket socket, SocketOptions options) {
        this.socket = socket;
        this.options = options;
    }

    int unread() {
        return unread;
    }

    // ---- requests from the owner (run on the event loop) ------------------------------------

    void start(Connection view) {
        owner = view;
        if (socket.isClosed()) {
            view.closed();
        }
        serve();
        pace();
    }

    void abandon(Connection view) {
        if (owner == view) {
            owner = null;
        }
        if (pending != null) {
            pending.removeIf(r -> {
                if (r.view == view) {
                    r.fail(new SocketException(view.describe() + " was abandoned while a read was waiting"));
                    return true;
                }
                return false;
            });
        }
        pace();
    }

    void request(ReadRequest<?> r) {
        if (r.view != owner) {
            r.fail(new SocketException(r.view.describe() + ": read by " + r.view.sockets().self()
                    + ", which has not started it" + (r.view.isAbandoned() ? " (it was abandoned)"
                    : "; call sockets.start(connection) first")));
            return;
        }
        if (broken != null) {
            r.fail(broken);
            return;
        }
        if (pending == null) {
            pending = new ArrayDeque<>(2);
        }
        pending.add(r);
        serve();
        pace();
    }

    void cancel(ReadRequest<?> r) {
        if (pending != null && pending.remove(r)) {
            pace();
        }
    }

    /** Stops reading for good (graceful close): pending reads end as if the peer closed. */
    void stop() {
        stopped = true;
        endOfStream();
    }

    // ---- Netty events -----------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (stopped || broken != null || eof) {
            in.release();
            return;
        }
        buffer = buffer == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffer, in);
        serve();
        pace();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            endOfStream();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endOfStream();
        keepLeftoverOnHeap();
        socket.inactive();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        keepLeftoverOnHeap();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Connection o = owner;
        if (cause instanceof IOException) {
            SocketDriver.LOG.debug("[{}] {}: {}", o == null ? "-" : o.sockets().self(), socket, cause.toString());
        } else if (o != null) {
            o.sockets().log("{}: {}; closing it", socket, cause.toString());
        } else {
            SocketDriver.LOG.warn("{}: {}; closing it", socket, cause.toString());
        }
        ctx.close();
    }

    // ---- the buffer -------------------------------------------------------------------------

    private void endOfStream() {
        if (eof) {
            return;
        }
        eof = true;
        serve();
        pace();
    }

    /**
     * After a read told the owner that the peer closed, close once the owner has had that turn:
     * what it writes in answer still goes out (a half-closed peer gets its reply).
     */
    private void closeAfterOwnerTurn() {
        Connection o = owner;
        if (o == null || closeAfterEof || stopped) {
            return;
        }
        closeAfterEof = true;
        o.sockets().post(socket::closeGracefully);
    }

    private void serve() {
        if (pending == null || owner == null) {
            return;
        }
        boolean ended = false;
        try {
            while (!pending.isEmpty()) {
                int result = pending.peek().serve(buffer, eof, options);
                if (result == ReadRequest.WAITING) {
                    break;
                }
                pending.poll();
                ended |= result == ReadRequest.ENDED;
            }
        } catch (SocketException e) {
            breakStream(e);
        }
        if (ended) {
            closeAfterOwnerTurn();
        }
        if (buffer != null && !buffer.isReadable()) {
            buffer.release();
            buffer = null;
        } else if (buffer != null) {
            buffer.discardSomeReadBytes();
        }
    }

    /** The stream is out of step (a line over the limit): fail the reads, drop the bytes, stop reading. */
    private void breakStream(SocketException e) {
        broken = e;
        owner.sockets().log("{}", e.getMessage());
        while (!pending.isEmpty()) {
            pending.poll().fail(e);
        }
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    private void pace() {
        int n = buffer == null ? 0 : buffer.readableBytes();
        unread = n;
        boolean waiting = pending != null && !pending.isEmpty();
        boolean want = owner != null && !eof && !stopped && broken == null && (n < options.readLimit() || waiting);
        if (socket.channel.config().isAutoRead() != want) {
            socket.channel.config().setAutoRead(want);
        }
    }

    /** Keeps unread bytes readable after close without holding a pooled buffer. */
    private void keepLeftoverOnHeap() {
        if (buffer != null) {
            ByteBuf heap = buffer.isReadable() ? Unpooled.copiedBuffer(buffer) : null;
            buffer.release();
            buffer = heap;
            unread = heap == null ? 0 : heap.readableBytes();
        }
    }
}

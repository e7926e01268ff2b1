package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The receive buffer of one connection and the reads waiting on it (skynet's Lua-side socket
 * buffer), kept on the event loop. Reading pauses while {@link SocketOptions#readLimit()} bytes
 * wait unread and no read needs more; that is the backpressure. Its {@link InboundWatch} closes
 * the connection when a read waits too long on a message the peer began, or the peer falls silent.
 */
final class StreamReader extends ChannelInboundHandlerAdapter {

    private final TcpSocket socket;
    private final SocketOptions options;
    private final InboundWatch watch;
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
        this.watch = InboundWatch.stream(socket, options, this::expire);
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
        Duration timeout = r.timeout();
        if (timeout != null && !r.done()) {
            try {
                r.timer(socket.channel.eventLoop().schedule(() -> timeOut(r), timeout.toNanos(),
                        TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                SocketDriver.LOG.debug("{}: the event loop is stopping, the read has no timer", socket);
            }
        }
    }

    void cancel(ReadRequest<?> r) {
        r.cancelled();
        if (pending != null && pending.remove(r)) {
            pace();
            watchProgress(false);
        }
    }

    /**
     * The read's own deadline passed: it is withdrawn as if never asked, the bytes it waited on stay
     * buffered for the next read. A read that was served is not pending: its result is on its way.
     */
    private void timeOut(ReadRequest<?> r) {
        if (pending == null || !pending.remove(r)) {
            return;
        }
        Duration after = r.timeout();
        int held = buffer == null ? 0 : buffer.readableBytes();
        r.fail(new ReadTimeoutException(r.what() + " on " + r.view.describe() + " in service "
                + r.view.sockets().self() + ": not complete within " + after.toMillis() + " ms; "
                + (held == 0 ? "no bytes arrived"
                : "the " + held + " bytes received so far stay buffered for the next read")));
        serve();
        pace();
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
        watch.heard();
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
        watch.stop();
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
        boolean completed = pending != null && owner != null && serveReads();
        watchProgress(completed);
    }

    /** Serves the waiting reads in order; true when one of them took bytes. */
    private boolean serveReads() {
        boolean completed = false;
        boolean ended = false;
        try {
            while (!pending.isEmpty()) {
                int result = pending.peek().serve(buffer, eof, options);
                if (result == ReadRequest.WAITING) {
                    break;
                }
                pending.poll();
                completed |= result == ReadRequest.DONE;
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
        return completed;
    }

    /** Tells the watch where the message being received stands: judged only while a read waits for its rest. */
    private void watchProgress(boolean completed) {
        ReadRequest<?> head = owner == null || pending == null || eof ? null : pending.peek();
        watch.progress(buffer == null ? 0 : buffer.readableBytes(), completed, head != null && head.awaitsRest());
    }

    /** The stream is out of step (a line over the limit): fail the reads, drop the bytes, stop reading. */
    private void breakStream(SocketException e) {
        owner.sockets().log("{}", e.getMessage());
        fail(e);
    }

    /** The peer stalled or fell silent past its deadline (the watch logged it): fail reads, drop bytes, close. */
    private void expire(SocketException e) {
        fail(e);
        pace();
        socket.forceClose();
    }

    private void fail(SocketException e) {
        broken = e;
        if (pending != null) {
            while (!pending.isEmpty()) {
                pending.poll().fail(e);
            }
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
        watch.listening(want);
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

package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import reactor.core.publisher.MonoSink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * One pending read of a {@link Connection}: skynet's {@code read(n)}, {@code read()},
 * {@code readall} and {@code readline}. Served on the event loop from the connection's buffer,
 * completed in the owner's mailbox. A read with a timeout keeps its timer on the same event loop,
 * so it is either served or timed out, never both, and no byte is lost between the two.
 */
abstract class ReadRequest<T> {

    final Connection view;
    private MonoSink<T> sink;
    private Duration timeout;
    private ScheduledFuture<?> timer;
    private boolean done;

    ReadRequest(Connection view) {
        this.view = view;
    }

    void bind(MonoSink<T> sink) {
        this.sink = sink;
    }

    /** Gives up after {@code timeout} (null: waits as long as the connection lives). */
    ReadRequest<T> within(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Duration timeout() {
        return timeout;
    }

    /** The timer that will withdraw this read; event loop only. */
    void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** Completed or failed, or withdrawn ({@link #cancelled()}). */
    boolean done() {
        return done;
    }

    /** The subscriber went away: the read is dropped, its timer stopped. */
    void cancelled() {
        finish();
    }

    private void finish() {
        done = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** {@link #serve} results: keep waiting, completed with data, completed telling the owner the stream ended. */
    static final int WAITING = 0;
    static final int DONE = 1;
    static final int ENDED = 2;

    /**
     * Tries to complete from {@code buffer} (may be null when nothing is buffered); {@code eof}
     * says no more bytes will come.
     */
    abstract int serve(ByteBuf buffer, boolean eof, SocketOptions options);

    /** True when buffered bytes that do not complete this read are an unfinished message (see {@link InboundWatch}). */
    boolean awaitsRest() {
        return false;
    }

    /** The read as the user wrote it, for error messages. */
    abstract String what();

    final void succeed(T value) {
        finish();
        MonoSink<T> s = sink;
        view.sockets().post(() -> s.success(value));
    }

    /** Completes empty after the peer closed; {@code rest} becomes {@link Connection#rest()}. */
    final void end(byte[] rest) {
        finish();
        MonoSink<T> s = sink;
        Connection v = view;
        v.sockets().post(() -> {
            v.keepRest(rest);
            s.success();
        });
    }

    final void fail(Throwable error) {
        finish();
        MonoSink<T> s = sink;
        view.sockets().post(() -> s.error(error));
    }

    static byte[] take(ByteBuf buffer, int n) {
        byte[] out = ByteBufUtil.getBytes(buffer, buffer.readerIndex(), n);
        buffer.skipBytes(n);
        return out;
    }

    static byte[] takeAll(ByteBuf buffer) {
        return buffer == null ? new byte[0] : take(buffer, buffer.readableBytes());
    }

    /** {@code read(n)}: exactly n bytes. */
    static final class Exact extends ReadRequest<byte[]> {
        private final int n;

        Exact(Connection view, int n) {
            super(view);
            this.n = n;
        }

        @Override
        int serve(ByteBuf buffer, boolean eof, SocketOptions options) {
            int have = buffer == null ? 0 : buffer.readableBytes();
            if (have >= n) {
                succeed(take(buffer, n));
                return DONE;
            }
            if (eof) {
                end(takeAll(buffer));
                return ENDED;
            }
            return WAITING;
        }

        @Override
        boolean awaitsRest() {
            return true;
        }

        @Override
        String what() {
            return "read(" + n + ")";
        }
    }

    /** {@code read()}: whatever is buffered, waiting for at least one byte. */
    static final class Some extends ReadRequest<byte[]> {
        Some(Connection view) {
            super(view);
        }

        @Override
        int serve(ByteBuf buffer, boolean eof, SocketOptions options) {
            if (buffer != null && buffer.isReadable()) {
                succeed(takeAll(buffer));
                return DONE;
            }
            if (eof) {
                end(new byte[0]);
                return ENDED;
            }
            return WAITING;
        }

        @Override
        String what() {
            return "read()";
        }
    }

    /** {@code readall}: everything until the peer closes, bounded by {@link SocketOptions#maxReadAll()}. */
    static final class All extends ReadRequest<byte[]> {
        All(Connection view) {
            super(view);
        }

        @Override
        int serve(ByteBuf buffer, boolean eof, SocketOptions options) {
            if (eof) {
                succeed(takeAll(buffer));
                return ENDED;
            }
            if (buffer != null && buffer.readableBytes() > options.maxReadAll()) {
                throw new SocketException(view.describe() + ": readAll collected more than " + options.maxReadAll()
                        + " bytes before the peer closed (SocketOptions.maxReadAll)");
            }
            return WAITING;
        }

        @Override
        String what() {
            return "readAll";
        }
    }

    /** {@code readline(sep)}: one line without the separator, bounded by {@link SocketOptions#maxLine()}. */
    static final class Line extends ReadRequest<String> {
        private final byte[] sep;
        /** Bytes already searched, so a long line is not rescanned on every packet. */
        private int searched;

        Line(Connection view, byte[] sep) {
            super(view);
            this.sep = sep;
        }

        @Override
        int serve(ByteBuf buffer, boolean eof, SocketOptions options) {
            int at = buffer == null ? -1 : find(buffer);
            if (at >= 0) {
                if (at > options.maxLine()) {
                    throw tooLong(options);
                }
                byte[] line = take(buffer, at);
                buffer.skipBytes(sep.length);
                succeed(new String(line, StandardCharsets.UTF_8));
                return DONE;
            }
            if (buffer != null && buffer.readableBytes() - (sep.length - 1) > options.maxLine()) {
                throw tooLong(options);
            }
            if (eof) {
                end(takeAll(buffer));
                return ENDED;
            }
            return WAITING;
        }

        @Override
        boolean awaitsRest() {
            return true;
        }

        @Override
        String what() {
            return "readLine";
        }

        private SocketException tooLong(SocketOptions options) {
            return new SocketException(view.describe() + ": line longer than " + options.maxLine()
                    + " bytes (SocketOptions.maxLine); the rest of the stream is dropped, close the connection");
        }

        private int find(ByteBuf buffer) {
            int start = buffer.readerIndex();
            int end = buffer.writerIndex();
            int from = start + Math.max(0, searched - sep.length + 1);
            while (true) {
                int i = buffer.indexOf(from, end, sep[0]);
                if (i < 0 || i + sep.length > end) {
                    searched = end - start;
                    return -1;
                }
                if (matches(buffer, i)) {
                    searched = 0;
                    return i - start;
                }
                from = i + 1;
            }
        }

        private boolean matches(ByteBuf buffer, int at) {
            for (int k = 1; k < sep.length; k++) {
                if (buffer.getByte(at + k) != sep[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}

package io.skynetspring.core.socket;

import io.netty.buffer.Unpooled;
import io.skynetspring.core.service.ServiceContext;
import org.slf4j.event.Level;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A TCP connection as its owning service sees it: skynet's socket id with {@code read},
 * {@code readline}, {@code write}, {@code close}. Reads return a {@code Mono} that completes in
 * this service's mailbox, in order with the connection's other events, and completes <em>empty</em>
 * when the peer has closed; the bytes that were left (skynet's {@code false, rest}) are then in
 * {@link #rest()}. Use it from the owning service only.
 *
 * <pre>{@code
 * conn.readLine().switchIfEmpty(Mono.fromRunnable(() -> ctx.log("closed, rest", conn.rest().length)))
 *     .subscribe(line -> conn.write("got " + line + "\n"));
 * }</pre>
 *
 * <p>To wait for a read no longer than some time, give it a timeout ({@link #read(int, Duration)},
 * {@link #readLine(Duration)}) rather than Reactor's {@code timeout} operator, whose error arrives
 * on a Reactor {@code parallel} thread, outside the service.
 */
public final class Connection implements SocketEvents {

    private static final byte[] NOTHING = new byte[0];

    private final TcpSocket socket;
    private final Sockets sockets;
    private Runnable onClose;
    /** In the owner's thread: reads asked for and not yet ended, and whether the close has been heard. */
    private int reading;
    private boolean closeHeard;
    private boolean closeRun;
    private LongConsumer warning;
    private byte[] rest = NOTHING;
    private volatile boolean abandoned;

    Connection(TcpSocket socket, Sockets sockets) {
        this.socket = socket;
        this.sockets = sockets;
    }

    /** The node-local socket id (a small integer, not an OS descriptor). */
    public int id() {
        return socket.id;
    }

    /** The peer as {@code ip:port}. */
    public String remote() {
        return socket.remote;
    }

    /** Exactly {@code n} bytes; empty if the peer closes first (the partial bytes go to {@link #rest()}). */
    public Mono<byte[]> read(int n) {
        if (n < 1) {
            return Mono.error(new IllegalArgumentException("read(" + n + ") on " + describe() + ": n must be positive"));
        }
        return request(() -> new ReadRequest.Exact(this, n));
    }

    /**
     * {@link #read(int)} that gives up after {@code timeout}: the {@code Mono} then fails, in this
     * service, with a {@link ReadTimeoutException}; the connection stays open and the bytes that had
     * arrived stay buffered, so the next read starts with them.
     *
     * <pre>{@code conn.read(4, Duration.ofSeconds(5)).subscribe(header -> ..., e -> conn.close());}</pre>
     */
    public Mono<byte[]> read(int n, Duration timeout) {
        if (n < 1) {
            return Mono.error(new IllegalArgumentException("read(" + n + ") on " + describe() + ": n must be positive"));
        }
        return timed(() -> new ReadRequest.Exact(this, n), "read(" + n + ")", timeout);
    }

    /** Whatever is buffered, waiting for at least one byte; empty once the peer has closed. */
    public Mono<byte[]> read() {
        return request(() -> new ReadRequest.Some(this));
    }

    /** Everything until the peer closes (possibly zero bytes), up to {@link SocketOptions#maxReadAll()}. */
    public Mono<byte[]> readAll() {
        return request(() -> new ReadRequest.All(this));
    }

    /** One {@code \n}-terminated line without the separator, decoded as UTF-8. */
    public Mono<String> readLine() {
        return readLine("\n");
    }

    /**
     * One line ending in {@code separator}, without it; empty if the peer closes first (the partial
     * line goes to {@link #rest()}). A line over {@link SocketOptions#maxLine()} fails the read
     * with a {@link SocketException}, and later reads fail too: close the connection.
     */
    public Mono<String> readLine(String separator) {
        if (separator == null || separator.isEmpty()) {
            return Mono.error(new IllegalArgumentException("readLine on " + describe() + ": the separator is empty"));
        }
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        return request(() -> new ReadRequest.Line(this, sep));
    }

    /** {@link #readLine()} giving up after {@code timeout} as {@link #read(int, Duration)} does; the partial line stays. */
    public Mono<String> readLine(Duration timeout) {
        return readLine("\n", timeout);
    }

    /**
     * {@link #readLine(String)} that gives up after {@code timeout}: the {@code Mono} then fails, in
     * this service, with a {@link ReadTimeoutException}; the connection stays open and the partial
     * line stays buffered, so the next {@code readLine} returns it whole once its end arrives.
     *
     * <pre>{@code conn.readLine("\r\n", Duration.ofSeconds(30)).onErrorResume(ReadTimeoutException.class, e -> ping(conn))}</pre>
     */
    public Mono<String> readLine(String separator, Duration timeout) {
        if (separator == null || separator.isEmpty()) {
            return Mono.error(new IllegalArgumentException("readLine on " + describe() + ": the separator is empty"));
        }
        byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
        return timed(() -> new ReadRequest.Line(this, sep), "readLine", timeout);
    }

    /** The bytes left when a read ended because the peer closed (skynet's {@code false, rest}); taking them clears them. */
    public byte[] rest() {
        byte[] r = rest;
        rest = NOTHING;
        return r;
    }

    /**
     * Queues {@code data} for sending; never blocks. False when the connection is closed or was
     * abandoned, or while its unsent bytes are past {@link SocketOptions#sendHigh()} (until below
     * {@link SocketOptions#sendLow()}) under {@link SlowPeer#REFUSE} or {@link SlowPeer#CLOSE};
     * under {@link SlowPeer#DROP} such a write returns true and is discarded. Refusals and drops are counted.
     */
    public boolean write(byte[] data) {
        return !abandoned && socket.write(Unpooled.wrappedBuffer(data));
    }

    public boolean write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * skynet's {@code close}: stops reading, sends what is queued, then closes; a peer that has not
     * taken it all within {@link SocketOptions#slowTime()} is shut. Pending reads complete empty.
     */
    public void close() {
        if (!abandoned) {
            socket.closeGracefully();
        }
    }

    /** skynet's {@code shutdown}: closes now; unsent data is dropped. */
    public void shutdown() {
        if (!abandoned) {
            socket.forceClose();
        }
    }

    /**
     * Forgets the connection without closing it, so another service can {@code start} it (a gate
     * handing a player to its agent). Bytes already received stay buffered for the next owner.
     */
    public void abandon() {
        abandoned = true;
        socket.abandon(this);
    }

    /**
     * Runs {@code callback} in this service when the connection closes, whoever closed it: once, and after
     * the reads asked for before it have ended (a pending {@code readLine} sees the end of stream first).
     */
    public Connection onClose(Runnable callback) {
        this.onClose = callback;
        return this;
    }

    /**
     * Runs {@code callback(kib)} in this service when unsent data reaches 1 MiB, then each time it
     * doubles, and with 0 once it drained. Without one, a {@code WARNING: N K bytes need to send out}
     * line is logged, as skynet does.
     */
    public Connection warning(LongConsumer callback) {
        this.warning = callback;
        return this;
    }

    /** False once the connection is closed or closing (skynet's {@code disconnected}). */
    public boolean isOpen() {
        return socket.isOpen();
    }

    public boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---- package --------------------------------------------------------------------------------

    TcpSocket socket() {
        return socket;
    }

    Sockets sockets() {
        return sockets;
    }

    String describe() {
        return "connection " + socket.id + " (" + socket.remote + ")";
    }

    void keepRest(byte[] bytes) {
        this.rest = bytes;
    }

    private <T> Mono<T> request(Supplier<ReadRequest<T>> make) {
        return request(make, null);
    }

    private <T> Mono<T> timed(Supplier<ReadRequest<T>> make, String what, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return Mono.error(new IllegalArgumentException(what + " on " + describe() + " in service " + sockets.self()
                    + ": the timeout must be positive, was " + timeout));
        }
        return request(make, timeout);
    }

    private <T> Mono<T> request(Supplier<ReadRequest<T>> make, Duration timeout) {
        return Mono.<T>create(sink -> {
            ReadRequest<T> r = make.get().within(timeout);
            r.bind(sink);
            reading++;
            sink.onCancel(() -> socket.execute(() -> socket.reader.cancel(r)));
            socket.execute(() -> socket.reader.request(r));
        }).doFinally(signal -> readEnded());
    }

    private void readEnded() {
        reading--;
        closeIfHeard();
    }

    /** onClose runs once, after every read asked for before the close was heard has ended (end of stream first). */
    private void closeIfHeard() {
        if (closeHeard && reading <= 0 && !closeRun) {
            closeRun = true;
            Runnable r = onClose;
            if (r != null) {
                r.run();
            }
        }
    }

    @Override
    public void warning(long kib) {
        sockets.post(() -> {
            LongConsumer w = warning;
            if (w != null) {
                w.accept(kib);
            } else {
                ServiceContext ctx = sockets.context();
                // many slow peers each cross the doubling marks: counted, and logged a burst a minute
                ctx.incidents().log(ctx.logger(), Level.WARN, "socket.send.warning", sockets.self(),
                        "WARNING: {} K bytes need to send out (fd = {})", kib, socket.id);
            }
        });
    }

    @Override
    public void closed() {
        // a read asked for just before (its request still on the way to the event loop) ends before onClose
        sockets.post(() -> {
            closeHeard = true;
            closeIfHeard();
        });
    }
}

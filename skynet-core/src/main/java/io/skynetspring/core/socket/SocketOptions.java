package io.skynetspring.core.socket;

import java.time.Duration;

/**
 * Node-wide socket settings, fixed when a {@link SocketDriver} starts.
 *
 * <pre>{@code SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withMaxLine(1024));}</pre>
 *
 * @param readLimit      unread bytes buffered per connection before reading pauses (skynet: 128 KiB);
 *                       reading resumes when the owner reads, or while a read it asked for needs more
 * @param maxLine        longest line {@code readLine} accepts; a longer one fails the read
 * @param maxReadAll     most bytes {@code readAll} collects before the peer closes
 * @param connectTimeout deadline of {@code open}
 * @param warningSize    unsent bytes that first trigger skynet's send-buffer warning (1 MiB); doubles after each
 * @param loops          event-loop threads doing the I/O
 * @param stallTimeout   longest a started message may wait for the rest of its bytes — a gate frame, a line
 *                       {@code readLine} waits for, the bytes of a {@code read(n)} — before the connection is
 *                       closed (30 s; {@link Duration#ZERO} turns it off)
 * @param idleTimeout    longest a connection being read may receive no bytes at all before it is closed
 *                       ({@link Duration#ZERO}, the default, turns it off)
 */
public record SocketOptions(int readLimit, int maxLine, int maxReadAll, Duration connectTimeout, int warningSize,
                            int loops, Duration stallTimeout, Duration idleTimeout) {

    /** The stall timeout unless configured: a peer that starts a message must finish it within this. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    public SocketOptions {
        positive("readLimit", readLimit);
        positive("maxLine", maxLine);
        positive("maxReadAll", maxReadAll);
        positive("warningSize", warningSize);
        positive("loops", loops);
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        notNegative("stallTimeout", stallTimeout);
        notNegative("idleTimeout", idleTimeout);
    }

    public static SocketOptions defaults() {
        return new SocketOptions(128 * 1024, 64 * 1024, 16 * 1024 * 1024, Duration.ofSeconds(5), 1024 * 1024,
                Math.max(1, Runtime.getRuntime().availableProcessors()), STALL_TIMEOUT, Duration.ZERO);
    }

    public SocketOptions withReadLimit(int bytes) {
        return new SocketOptions(bytes, maxLine, maxReadAll, connectTimeout, warningSize, loops,
                stallTimeout, idleTimeout);
    }

    public SocketOptions withMaxLine(int bytes) {
        return new SocketOptions(readLimit, bytes, maxReadAll, connectTimeout, warningSize, loops,
                stallTimeout, idleTimeout);
    }

    public SocketOptions withMaxReadAll(int bytes) {
        return new SocketOptions(readLimit, maxLine, bytes, connectTimeout, warningSize, loops,
                stallTimeout, idleTimeout);
    }

    public SocketOptions withConnectTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, timeout, warningSize, loops,
                stallTimeout, idleTimeout);
    }

    public SocketOptions withWarningSize(int bytes) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, bytes, loops,
                stallTimeout, idleTimeout);
    }

    public SocketOptions withLoops(int threads) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, threads,
                stallTimeout, idleTimeout);
    }

    /** {@code timeout} for a stalled message ({@link Duration#ZERO}: never cut). */
    public SocketOptions withStallTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, timeout,
                idleTimeout);
    }

    /** {@code timeout} for a connection receiving nothing ({@link Duration#ZERO}: never cut). */
    public SocketOptions withIdleTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                timeout);
    }

    private static void notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (off) or positive, was " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}

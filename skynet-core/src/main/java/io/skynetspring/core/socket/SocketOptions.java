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
 * @param sendHigh       unsent bytes per connection past which writes are refused, dropped or the peer is
 *                       closed, as {@code slowPeer} says (4 MiB)
 * @param sendLow        unsent bytes below which a connection past {@code sendHigh} takes writes again (1 MiB)
 * @param slowPeer       what happens past {@code sendHigh} ({@link SlowPeer#CLOSE})
 * @param slowTime       how long unsent data may stay above {@code sendLow}, once past {@code sendHigh},
 *                       before {@link SlowPeer#CLOSE} shuts the peer (5 s)
 * @param transport      the event loops' kernel interface ({@link SocketTransport#AUTO}: io_uring where
 *                       Netty's io_uring jars are present and the kernel allows it, else epoll, else NIO)
 */
public record SocketOptions(int readLimit, int maxLine, int maxReadAll, Duration connectTimeout, int warningSize,
                            int loops, Duration stallTimeout, Duration idleTimeout, int sendHigh, int sendLow,
                            SlowPeer slowPeer, Duration slowTime, SocketTransport transport) {

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
        positive("sendHigh", sendHigh);
        if (sendLow < 0 || sendLow > sendHigh) {
            throw new IllegalArgumentException("sendLow must be 0.." + sendHigh + " (sendHigh), was " + sendLow);
        }
        if (slowPeer == null) {
            throw new IllegalArgumentException("slowPeer must be REFUSE, DROP or CLOSE, was null");
        }
        if (slowTime == null || slowTime.isNegative() || slowTime.isZero()) {
            throw new IllegalArgumentException("slowTime must be positive, was " + slowTime);
        }
        if (transport == null) {
            throw new IllegalArgumentException("transport must be AUTO, IO_URING, EPOLL or NIO, was null");
        }
    }

    public static SocketOptions defaults() {
        return new SocketOptions(128 * 1024, 64 * 1024, 16 * 1024 * 1024, Duration.ofSeconds(5), 1024 * 1024,
                Math.max(1, Runtime.getRuntime().availableProcessors()), STALL_TIMEOUT, Duration.ZERO,
                4 * 1024 * 1024, 1024 * 1024, SlowPeer.CLOSE, Duration.ofSeconds(5), SocketTransport.AUTO);
    }

    public SocketOptions withReadLimit(int bytes) {
        return new SocketOptions(bytes, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    public SocketOptions withMaxLine(int bytes) {
        return new SocketOptions(readLimit, bytes, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    public SocketOptions withMaxReadAll(int bytes) {
        return new SocketOptions(readLimit, maxLine, bytes, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    public SocketOptions withConnectTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, timeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    public SocketOptions withWarningSize(int bytes) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, bytes, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    public SocketOptions withLoops(int threads) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, threads, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    /** {@code timeout} for a stalled message ({@link Duration#ZERO}: never cut). */
    public SocketOptions withStallTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, timeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    /** {@code timeout} for a connection receiving nothing ({@link Duration#ZERO}: never cut). */
    public SocketOptions withIdleTimeout(Duration timeout) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                timeout, sendHigh, sendLow, slowPeer, slowTime, transport);
    }

    /** Unsent bytes per connection past which {@link #slowPeer()} applies, and below which writes are taken again. */
    public SocketOptions withSendLimit(int high, int low) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, high, low, slowPeer, slowTime, transport);
    }

    public SocketOptions withSlowPeer(SlowPeer policy) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, policy, slowTime, transport);
    }

    public SocketOptions withSlowTime(Duration time) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, time, transport);
    }

    public SocketOptions withTransport(SocketTransport kind) {
        return new SocketOptions(readLimit, maxLine, maxReadAll, connectTimeout, warningSize, loops, stallTimeout,
                idleTimeout, sendHigh, sendLow, slowPeer, slowTime, kind);
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

package io.skynetspring.core.socket;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The kernel interface a {@link SocketDriver}'s event loops use ({@code skynet.sockets.transport}).
 *
 * <pre>{@code SocketDriver.start(SocketOptions.defaults().withTransport(SocketTransport.EPOLL));}</pre>
 */
public enum SocketTransport {

    /**
     * The JVM's {@code -Dskynet.sockets.transport} if given, else Linux's io_uring where Netty's io_uring
     * jars are on the class path and the kernel allows it (fewer system calls per message than epoll),
     * else epoll, else NIO.
     */
    AUTO,
    /**
     * Linux's io_uring (kernel 5.14+); needs {@code netty-transport-classes-io_uring} and
     * {@code netty-transport-native-io_uring}, and Netty's multishot POLLIN turned off (see
     * {@link #prepareNetty()}).
     */
    IO_URING,
    /** Linux's epoll, Reactor Netty's own default. */
    EPOLL,
    /** The JDK's selectors: any system. */
    NIO;

    /** The system property {@link #AUTO} follows when it is set. */
    public static final String PROPERTY = "skynet.sockets.transport";

    /**
     * Netty's switch for multishot POLLIN on io_uring. With it on (Netty 4.2.18's default) a peer's data
     * and close that arrive while a read is already queued can leave the connection waiting for a
     * readiness edge that never comes: the close is not seen until the connection is closed here.
     */
    public static final String NETTY_MULTISHOT_POLL = "io.netty.iouring.pollAddMultishotEnabled";

    /**
     * Turns Netty's multishot POLLIN off unless the JVM's options set it. It takes effect only before
     * Netty's io_uring classes load, which Reactor Netty's default loops (a debug console, a cluster
     * link, WebFlux) and Lettuce do as they start: the Spring Boot starter calls it before any bean is
     * made, {@code SkynetRuntime} as it loads, a socket driver again before it resolves.
     */
    public static void prepareNetty() {
        if (System.getProperty(NETTY_MULTISHOT_POLL) == null) {
            System.setProperty(NETTY_MULTISHOT_POLL, "false");
        }
    }

    /**
     * The transport this one stands for on this machine; {@link #AUTO} never fails, an explicit one
     * this machine lacks throws an {@link IllegalStateException} saying why.
     */
    public SocketTransport resolve() {
        switch (this) {
            case AUTO:
                String chosen = System.getProperty(PROPERTY, "").trim();
                if (!chosen.isEmpty() && !chosen.equalsIgnoreCase("auto")) {
                    return parse(chosen).resolve();
                }
                String missing = ioUringMissing();
                if (missing == null) {
                    return IO_URING;
                }
                SocketTransport fallback = Epoll.isAvailable() ? EPOLL : NIO;
                if (!missing.equals(NO_JARS) && TOLD.compareAndSet(false, true)) {
                    LOG.info("Socket transport auto: {} instead of io_uring: {}", fallback, missing);
                }
                return fallback;
            case IO_URING:
                String why = ioUringMissing();
                if (why != null) {
                    throw new IllegalStateException("socket transport io_uring is not available here: " + why);
                }
                return this;
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("socket transport epoll is not available here: "
                            + Epoll.unavailabilityCause());
                }
                return this;
            default:
                return this;
        }
    }

    /**
     * Netty's I/O handlers for this transport, resolved first (io_uring with a completion ring sized for
     * bursts on thousands of sockets): for event loops of one's own, as the load generator makes.
     */
    public IoHandlerFactory ioHandlers() {
        return switch (resolve()) {
            case IO_URING -> IoUringParts.handlers();
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    /** {@code io_uring}, {@code io-uring}, {@code epoll}, {@code nio} or {@code auto}, in any case. */
    public static SocketTransport parse(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (SocketTransport t : values()) {
            if (t.name().equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("socket transport must be auto, io_uring, epoll or nio, was '" + name + "'");
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final String NO_JARS =
            "io.netty:netty-transport-classes-io_uring and netty-transport-native-io_uring are not on the class path";

    /** Why io_uring cannot be used, or null if it can. */
    private static String ioUringMissing() {
        prepareNetty();
        try {
            Class.forName("io.netty.channel.uring.IoUring", false, SocketTransport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NO_JARS;
        }
        return IoUringParts.missing();
    }
}

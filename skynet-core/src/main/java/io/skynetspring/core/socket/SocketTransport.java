package io.skynetspring.core.socket;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;

/**
 * The kernel interface a {@link SocketDriver}'s event loops use ({@code skynet.sockets.transport}).
 *
 * <pre>{@code SocketDriver.start(SocketOptions.defaults().withTransport(SocketTransport.EPOLL));}</pre>
 */
public enum SocketTransport {

    /** The JVM's {@code -Dskynet.sockets.transport} if given, else epoll where Linux offers it, else NIO. */
    AUTO,
    /**
     * Linux's io_uring (kernel 5.14+; needs {@code netty-transport-classes-io_uring} and
     * {@code netty-transport-native-io_uring}): fewer system calls per message than epoll, but opt-in:
     * a peer that sends and resets before its connection is started may go unnoticed until the
     * connection is closed (PeerCloseTest's reset case, about one run in three with Netty 4.2.18).
     */
    IO_URING,
    /** Linux's epoll, Reactor Netty's own default. */
    EPOLL,
    /** The JDK's selectors: any system. */
    NIO;

    /** The system property {@link #AUTO} follows when it is set. */
    public static final String PROPERTY = "skynet.sockets.transport";

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
                return Epoll.isAvailable() ? EPOLL : NIO;
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

    /** Why io_uring cannot be used, or null if it can. */
    private static String ioUringMissing() {
        try {
            Class.forName("io.netty.channel.uring.IoUring", false, SocketTransport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "io.netty:netty-transport-classes-io_uring and netty-transport-native-io_uring are not on the class path";
        }
        return IoUringParts.missing();
    }
}

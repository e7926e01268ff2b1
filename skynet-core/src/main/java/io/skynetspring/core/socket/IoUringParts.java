package io.skynetspring.core.socket;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/** Netty's io_uring classes, touched only once they are known to be on the class path. */
final class IoUringParts {

    /** Completions a loop's ring holds: a login burst on thousands of sockets overflowed Netty's default (4096). */
    private static final int COMPLETIONS = 16 * 1024;

    private IoUringParts() {
    }

    static String missing() {
        Throwable cause = IoUring.unavailabilityCause();
        if (cause != null) {
            return String.valueOf(cause);
        }
        if (IoUring.isPollAddMultishotEnabled()) {
            return "Netty's multishot POLLIN is on, which loses a peer's close that arrives while a read is queued; "
                    + "start the JVM with -D" + SocketTransport.NETTY_MULTISHOT_POLL + "=false (something loaded "
                    + "Netty's io_uring before SocketTransport.prepareNetty() could set it)";
        }
        return null;
    }

    static IoHandlerFactory handlers() {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig();
        return IoUringIoHandler.newFactory(config.setCqSize(Math.max(COMPLETIONS, 2 * config.getRingSize())));
    }

    static Class<?>[] channels() {
        return new Class<?>[] {IoUringSocketChannel.class, IoUringServerSocketChannel.class, IoUringDatagramChannel.class};
    }
}

package io.skynetspring.core.socket;

import java.util.Objects;

/**
 * The options the runtime's shared socket driver starts with ({@link Sockets#of}); a node resource,
 * so register it before any service opens a socket. The starter does it from {@code skynet.sockets.*}.
 *
 * <pre>{@code runtime.resource(SocketSettings.class, () -> new SocketSettings(SocketOptions.defaults().withStallTimeout(d)));}</pre>
 */
public final class SocketSettings implements AutoCloseable {

    private final SocketOptions options;

    public SocketSettings(SocketOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SocketOptions options() {
        return options;
    }

    /** Holds nothing to release: the driver made from it closes itself with the runtime. */
    @Override
    public void close() {
    }
}

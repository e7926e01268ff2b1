package io.skynetspring.core.socket;

import io.skynetspring.core.service.ServiceContext;

/**
 * The shared driver of each runtime: a node resource, made on first use with the node's
 * {@link SocketSettings} (the defaults unless registered) and closed when the runtime shuts down,
 * after every service has exited.
 */
final class NodeDrivers {

    private NodeDrivers() {
    }

    static Sockets handle(ServiceContext ctx) {
        // two look-ups, not one inside the other: the node's resource table cannot be updated from within an update
        SocketOptions options = ctx.nodeResource(SocketSettings.class, () -> new SocketSettings(SocketOptions.defaults()))
                .options();
        return ctx.nodeResource(SocketDriver.class, () -> new SocketDriver(options)).handle(ctx);
    }
}

package io.skynetspring.boot.actuate;

/**
 * The hook behind the {@code skynet.sockets.open} gauge: open TCP connections of the node. The
 * runtime's shared driver and every {@code SocketDriver} bean are counted by default; declare this
 * bean to add connections held elsewhere.
 *
 * <pre>{@code @Bean OpenSockets openSockets(SocketDriver driver) { return () -> driver.netstat().connections(); }}</pre>
 */
@FunctionalInterface
public interface OpenSockets {

    long count();
}

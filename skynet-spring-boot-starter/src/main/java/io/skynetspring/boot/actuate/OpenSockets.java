package io.skynetspring.boot.actuate;

/**
 * The hook behind the {@code skynet.sockets.open} gauge: open TCP connections of the node. Every
 * {@code SocketDriver} bean is counted by default; a runtime's shared driver is not a bean, so an
 * application that wants it counted declares this bean.
 *
 * <pre>{@code @Bean OpenSockets openSockets(SocketDriver driver) { return () -> driver.netstat().connections(); }}</pre>
 */
@FunctionalInterface
public interface OpenSockets {

    long count();
}

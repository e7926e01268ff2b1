package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;

/**
 * One open socket in a {@link NetStat} snapshot (skynet's {@code socket.netstat()} row).
 *
 * <pre>{@code stat.unread() + stat.unsent()   // bytes this socket holds in memory}</pre>
 *
 * @param id     node-local socket id
 * @param kind   {@code "listen"}, {@code "tcp"}, {@code "gate"} (a gate's client) or {@code "udp"}
 * @param holder the service that owns it, {@link Address#NONE} while handed over
 * @param local  local {@code ip:port}
 * @param remote peer {@code ip:port}, empty for listeners and unconnected UDP
 * @param unread bytes received and not yet read by the owner
 * @param unsent bytes written and not yet sent (not yet handed to the event loop, or in Netty's
 *               outbound buffer with its bookkeeping, about 100 bytes a buffer); what the
 *               {@link SlowPeer} marks are compared with
 */
public record SocketStat(int id, String kind, Address holder, String local, String remote, long unread,
                         long unsent) {
}

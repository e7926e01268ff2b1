package io.skynetspring.core.socket;

import java.util.List;

/**
 * A snapshot of every open socket of a driver, with the bytes they buffer.
 *
 * <pre>{@code assertThat(sockets.netstat().connections()).isZero();}</pre>
 */
public record NetStat(List<SocketStat> sockets) {

    public NetStat {
        sockets = List.copyOf(sockets);
    }

    /** Open TCP connections (plain and gate clients), listeners and UDP sockets excluded. */
    public long connections() {
        return sockets.stream().filter(s -> s.kind().equals("tcp") || s.kind().equals("gate")).count();
    }

    /** Received bytes not yet read, over all sockets. */
    public long unread() {
        return sockets.stream().mapToLong(SocketStat::unread).sum();
    }

    /** Written bytes not yet sent, over all sockets. */
    public long unsent() {
        return sockets.stream().mapToLong(SocketStat::unsent).sum();
    }
}

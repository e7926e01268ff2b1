package io.skynetspring.samples.gateway.link;

import io.skynetspring.core.socket.Sockets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One packet for many links: the TCP gate's clients get one shared frame
 * ({@link Sockets#write(int[], int, byte[])}; their ids belong to the one socket driver of the gate), the
 * others a send each. Reused by its owner, one service; {@link #send(byte[])} empties it.
 *
 * <pre>{@code fanout.add(a); fanout.add(b); fanout.send(packet);}</pre>
 */
public final class Fanout {

    private int[] fds = new int[64];
    private int count;
    private Sockets sockets;
    private final List<ClientLink> others = new ArrayList<>();

    public void add(ClientLink link) {
        if (link instanceof TcpLink tcp) {
            if (count == fds.length) {
                fds = Arrays.copyOf(fds, count * 2);
            }
            fds[count++] = tcp.fd();
            sockets = tcp.sockets();
        } else {
            others.add(link);
        }
    }

    /** Queues {@code packet} to every link added since the last send (those gone or not reading skip it). */
    public void send(byte[] packet) {
        try {
            if (count > 0) {
                sockets.write(fds, count, packet);
            }
            for (ClientLink link : others) {
                link.send(packet);
            }
        } finally {
            clear();
        }
    }

    /** Forgets the links added since the last send. */
    public void clear() {
        count = 0;
        sockets = null;
        others.clear();
    }
}

package io.skynetspring.samples.gateway.link;

/**
 * One client connection as the game writes to it, whatever carries it (a TCP gate client or a
 * WebSocket). Safe from any service: a scene writes to its members' links directly.
 *
 * <pre>{@code link.send(protocol.playerMove(1001, 3, 4));}</pre>
 */
public interface ClientLink {

    /** Queues one packet; false when the connection is gone or not reading (it is being closed). */
    boolean send(byte[] packet);

    /** Closes the connection once what is queued is sent. */
    void close();

    /** For log lines: {@code tcp 12 127.0.0.1:50112} or {@code ws 3}. */
    String describe();
}

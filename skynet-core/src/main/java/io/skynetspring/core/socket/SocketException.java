package io.skynetspring.core.socket;

/**
 * A socket operation failed: a refused connect, a port already in use, a line over the limit.
 * The message names the connection or address and what to do.
 *
 * <pre>{@code sockets.open("127.0.0.1", 9).onErrorResume(SocketException.class, e -> ...)}</pre>
 */
public class SocketException extends RuntimeException {

    public SocketException(String message) {
        super(message);
    }

    public SocketException(String message, Throwable cause) {
        super(message, cause);
    }
}

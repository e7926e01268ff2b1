package io.skynetspring.core.socket;

/**
 * A {@code read(n, timeout)} or {@code readLine(timeout)} got no complete answer in time. The
 * connection is still open and the bytes received so far stay buffered: the next read starts with them.
 *
 * <pre>{@code conn.readLine(Duration.ofSeconds(5)).onErrorResume(ReadTimeoutException.class, e -> ping(conn))}</pre>
 */
public class ReadTimeoutException extends SocketException {

    public ReadTimeoutException(String message) {
        super(message);
    }
}

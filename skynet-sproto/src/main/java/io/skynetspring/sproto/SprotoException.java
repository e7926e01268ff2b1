package io.skynetspring.sproto;

/**
 * Every failure of this library: a bad schema, a value that does not fit its type, or bytes that
 * are not valid sproto. Decoding, unpacking and dispatching hostile input fail with this type and
 * never with another unchecked exception.
 *
 * <p>It is unchecked on purpose: sproto messages are decoded deep inside message handlers where a
 * checked exception would only be wrapped again; callers that face untrusted peers catch it at the
 * connection boundary.
 *
 * <pre>{@code try { sp.decode("Person", bytes); } catch (SprotoException e) { drop(connection); }}</pre>
 */
public class SprotoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SprotoException(String message) {
        super(message);
    }

    public SprotoException(String message, Throwable cause) {
        super(message, cause);
    }
}

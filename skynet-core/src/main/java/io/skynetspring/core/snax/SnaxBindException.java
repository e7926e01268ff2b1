package io.skynetspring.core.snax;

/**
 * {@link Snax#bind} refused an interface: one of its methods is missing from the service, of the
 * other kind (a {@code void} method maps to an {@link Accept}, any other to a {@link Response}), or
 * takes other parameters. The message names the method and the mismatch.
 */
public class SnaxBindException extends IllegalArgumentException {

    public SnaxBindException(String message) {
        super(message);
    }
}

package io.skynetspring.core.codec;

/** A value that cannot be packed, or bytes that are not a valid lua-seri stream. */
public class LuaSeriException extends IllegalArgumentException {

    public LuaSeriException(String message) {
        super(message);
    }
}

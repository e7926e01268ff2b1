package io.skynetspring.core.codec;

/**
 * skynet's {@code skynet.pack}/{@code skynet.unpack} byte format (lua-seri), the bodies of cluster
 * requests and replies. SKELETON: the codec helper replaces the bodies; signatures are fixed.
 *
 * <pre>{@code byte[] body = LuaSeri.pack("GET", "a");  Object[] values = LuaSeri.unpack(body);}</pre>
 */
public final class LuaSeri {

    /** skynet's pack limit: an entry deeper than this many nested tables fails to pack. */
    public static final int MAX_DEPTH = 32;

    private LuaSeri() {
    }

    /** Packs {@code values} in order (nulls kept); throws {@link LuaSeriException} for what cannot be packed. */
    public static byte[] pack(Object... values) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Every value in {@code data}; {@link LuaSeriException} for a malformed stream, never a partial result. */
    public static Object[] unpack(byte[] data) {
        return unpack(data, 0, data.length);
    }

    public static Object[] unpack(byte[] data, int offset, int length) {
        throw new UnsupportedOperationException("skeleton");
    }
}

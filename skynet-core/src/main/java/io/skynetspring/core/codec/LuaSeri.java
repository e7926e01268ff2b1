package io.skynetspring.core.codec;

import java.util.Collection;
import java.util.Map;

/**
 * skynet's {@code skynet.pack}/{@code skynet.unpack} byte format (lua-seri), the bodies of cluster
 * requests and replies, byte for byte as skynet writes them.
 *
 * <pre>{@code byte[] body = LuaSeri.pack("GET", "a");  Object[] values = LuaSeri.unpack(body);}</pre>
 *
 * <table>
 * <caption>Java values and Lua values</caption>
 * <tr><th>Lua</th><th>pack accepts</th><th>unpack gives</th></tr>
 * <tr><td>nil</td><td>{@code null}</td><td>{@code null}</td></tr>
 * <tr><td>boolean</td><td>{@code Boolean}</td><td>{@code Boolean}</td></tr>
 * <tr><td>integer</td><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code AtomicInteger},
 *     {@code AtomicLong}, {@code BigInteger} in the 64-bit range</td><td>{@code Long}</td></tr>
 * <tr><td>float</td><td>{@code Double}, {@code Float}: always the float form, {@code 1.0} too</td><td>{@code Double}</td></tr>
 * <tr><td>string</td><td>{@code String} and other {@code CharSequence}s (UTF-8), {@code byte[]} (as is),
 *     {@code Character}, an enum (its name)</td><td>{@code String} when the bytes are well-formed UTF-8,
 *     else {@code byte[]}</td></tr>
 * <tr><td>table</td><td>{@code List}, other {@code Collection}s, arrays: the array part only. {@code Map}:
 *     {@code Long}/{@code Integer} keys 1..k without a gap in the array part, the other entries in the map's
 *     order; entries whose value is null are left out (a Lua table holds no nil). A record: its components
 *     by name; any other class: its public getters ({@code getLevel} as {@code level}); null fields are
 *     left out</td><td>{@code ArrayList} when the table has no hash part, else a {@code LinkedHashMap}
 *     with the array items under {@code 1L..nL} first, then the pairs (integer keys as {@code Long})</td></tr>
 * <tr><td>light userdata</td><td>{@link LightUserdata}</td><td>{@link LightUserdata}</td></tr>
 * </table>
 *
 * <p>Anything else (a lambda, a thread, an {@code Optional}, a JDK or Reactor class, an object
 * with no getters) fails with {@code cannot pack <class>}. An entry inside more than
 * {@link #MAX_DEPTH} nested tables fails as skynet does ({@code serialize can't pack too depth
 * table}), which also stops a value that contains itself. {@code unpack} refuses tables nested
 * more than 128 deep, and allocates no more than a small multiple of its input whatever lengths the
 * input declares. {@link LuaValues#convert(Object, java.lang.reflect.Type)} turns unpacked
 * tables into records, typed lists and maps.
 */
public final class LuaSeri {

    /** skynet's pack limit: an entry deeper than this many nested tables fails to pack. */
    public static final int MAX_DEPTH = 32;

    private LuaSeri() {
    }

    /**
     * A Lua light userdata: a raw C pointer of the process that packed it, meaningless anywhere
     * else; unpacked and packed again unchanged so that a value can travel back to its owner.
     */
    public record LightUserdata(long pointer) {
    }

    /**
     * Packs {@code values} in order (nulls kept); throws {@link LuaSeriException} for what cannot be packed.
     * A lone {@code Object[]} argument is spread, as varargs are; a null array packs one nil.
     */
    public static byte[] pack(Object... values) {
        if (values == null) {
            return new byte[] {WriteBlock.NIL};
        }
        WriteBlock out = new WriteBlock(initialCapacity(values));
        for (Object v : values) {
            out.value(v, 0);
        }
        return out.toByteArray();
    }

    /** Every value in {@code data}; {@link LuaSeriException} for a malformed stream, never a partial result. */
    public static Object[] unpack(byte[] data) {
        return unpack(data, 0, data.length);
    }

    /**
     * Every value in {@code length} bytes of {@code data} from {@code offset}; error messages count
     * bytes from {@code offset}: {@code Invalid serialize stream at byte 12: ...}.
     */
    public static Object[] unpack(byte[] data, int offset, int length) {
        return new ReadBlock(data, offset, length).all();
    }

    /** Enough for the usual command name and a few scalars, or a small table, in one allocation. */
    private static int initialCapacity(Object[] values) {
        int size = 16;
        for (Object v : values) {
            if (v instanceof String s) {
                size += s.length() + 3;
            } else if (v instanceof Map<?, ?> m) {
                size += 24 * m.size();
            } else if (v instanceof Collection<?> c) {
                size += 12 * c.size();
            } else {
                size += 9;
            }
        }
        return Math.min(size, 4096);
    }
}

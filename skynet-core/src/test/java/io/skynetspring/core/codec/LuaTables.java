package io.skynetspring.core.codec;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equality as Lua sees unpacked values: a List and a Map with keys 1..n are the same table, a nil
 * item is no entry, a byte[] is a string compared by content.
 */
final class LuaTables {

    private LuaTables() {
    }

    static boolean same(Object a, Object b) {
        return canonical(a).equals(canonical(b));
    }

    /** A value whose {@code equals} is Lua's: every table a HashMap without nil entries, strings as bytes. */
    static Object canonical(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String s) {
            return ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return canonical(f.doubleValue());
        }
        if (v instanceof Double d) {
            // a NaN equals itself here; Lua compares by value, this test by bits
            return Double.doubleToRawLongBits(d) + "d";
        }
        Map<Object, Object> table = new HashMap<>();
        if (v instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) != null) {
                    table.put((long) (i + 1), canonical(list.get(i)));
                }
            }
            return table;
        }
        if (v instanceof Map<?, ?> map) {
            map.forEach((k, x) -> {
                if (x != null) {
                    table.put(canonical(k), canonical(x));
                }
            });
            return table;
        }
        return v;
    }
}

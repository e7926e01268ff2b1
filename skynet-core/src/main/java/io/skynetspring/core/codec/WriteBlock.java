package io.skynetspring.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The packer (skynet's {@code write_block}): one growing buffer, values appended in lua-seri form. */
final class WriteBlock {

    static final int NIL = 0;
    static final int BOOLEAN = 1;
    static final int NUMBER = 2;
    static final int USERDATA = 3;
    static final int SHORT_STRING = 4;
    static final int LONG_STRING = 5;
    static final int TABLE = 6;

    static final int NUMBER_ZERO = 0;
    static final int NUMBER_BYTE = 1;
    static final int NUMBER_WORD = 2;
    static final int NUMBER_DWORD = 4;
    static final int NUMBER_QWORD = 6;
    static final int NUMBER_REAL = 8;

    /** Array sizes up to this go into the table's type byte; cookie 31 means "size follows". */
    static final int MAX_INLINE_ARRAY = 30;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Java arrays stop a little short of 2^31 elements. */
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private byte[] buf;
    private int pos;

    WriteBlock(int capacity) {
        buf = new byte[capacity];
    }

    byte[] toByteArray() {
        return pos == buf.length ? buf : Arrays.copyOf(buf, pos);
    }

    /** A value at nesting {@code depth} (0 = an argument; the entries of a table at level L are at depth L). */
    void value(Object v, int depth) {
        if (depth > LuaSeri.MAX_DEPTH) {
            throw tooDeep();
        }
        if (v == null) {
            put(NIL);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Long n) {
            integer(n);
        } else if (v instanceof Integer n) {
            integer(n);
        } else if (v instanceof Double d) {
            real(d);
        } else if (v instanceof Boolean b) {
            put(b ? BOOLEAN | 1 << 3 : BOOLEAN);
        } else if (v instanceof byte[] bytes) {
            string(bytes);
        } else if (v instanceof Map<?, ?> map) {
            map(map, depth + 1);
        } else if (v instanceof List<?> list) {
            list(list, depth + 1);
        } else {
            other(v, depth);
        }
    }

    private void other(Object v, int depth) {
        if (v instanceof Short || v instanceof Byte || v instanceof AtomicInteger || v instanceof AtomicLong) {
            integer(((Number) v).longValue());
        } else if (v instanceof Float f) {
            real(f.doubleValue());
        } else if (v instanceof BigInteger b) {
            if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0) {
                throw new LuaSeriException("cannot pack BigInteger " + b + ": outside a Lua integer's 64-bit range");
            }
            integer(b.longValue());
        } else if (v instanceof Character c) {
            string(c.toString());
        } else if (v instanceof CharSequence cs) {
            string(cs.toString());
        } else if (v instanceof Enum<?> e) {
            string(e.name());
        } else if (v instanceof LuaSeri.LightUserdata u) {
            ensure(9);
            buf[pos++] = USERDATA;
            LONG_LE.set(buf, pos, u.pointer());
            pos += 8;
        } else if (v instanceof Object[] array) {
            array(array, depth + 1);
        } else if (v.getClass().isArray()) {
            primitives(v, depth + 1);
        } else if (v instanceof Collection<?> c) {
            collection(c, depth + 1);
        } else {
            TableShape shape = TableShape.of(v.getClass());
            if (shape == null) {
                throw new LuaSeriException("cannot pack " + v.getClass().getName()
                        + ": lua-seri carries nil, booleans, numbers, strings, byte[], lists, arrays, maps, records,"
                        + " enums and beans with public getters");
            }
            fields(shape, v, depth + 1);
        }
    }

    // --- scalars ---------------------------------------------------------------------------------

    void integer(long n) {
        ensure(9);
        if (n == 0) {
            buf[pos++] = NUMBER | NUMBER_ZERO << 3;
        } else if (n != (int) n) {
            buf[pos++] = NUMBER | NUMBER_QWORD << 3;
            LONG_LE.set(buf, pos, n);
            pos += 8;
        } else if (n < 0) {
            dword((int) n);
        } else if (n < 0x100) {
            buf[pos++] = NUMBER | NUMBER_BYTE << 3;
            buf[pos++] = (byte) n;
        } else if (n < 0x10000) {
            buf[pos++] = NUMBER | NUMBER_WORD << 3;
            buf[pos++] = (byte) n;
            buf[pos++] = (byte) (n >>> 8);
        } else {
            dword((int) n);
        }
    }

    private void dword(int n) {
        buf[pos++] = NUMBER | NUMBER_DWORD << 3;
        INT_LE.set(buf, pos, n);
        pos += 4;
    }

    private void real(double d) {
        ensure(9);
        buf[pos++] = NUMBER | NUMBER_REAL << 3;
        // raw bits: a NaN travels with its payload, as skynet's memcpy sends it
        LONG_LE.set(buf, pos, Double.doubleToRawLongBits(d));
        pos += 8;
    }

    private void string(String s) {
        // the usual command name or key is ASCII: written in place, without an intermediate byte[]
        int n = s.length();
        ensure(5L + n);
        int start = pos;
        stringHeader(n);
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                pos = start;
                string(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[p++] = (byte) c;
        }
        pos = p;
    }

    void string(byte[] bytes) {
        int n = bytes.length;
        ensure(5L + n);
        stringHeader(n);
        System.arraycopy(bytes, 0, buf, pos, n);
        pos += n;
    }

    private void stringHeader(int n) {
        if (n < 32) {
            buf[pos++] = (byte) (SHORT_STRING | n << 3);
        } else if (n < 0x10000) {
            buf[pos++] = LONG_STRING | 2 << 3;
            buf[pos++] = (byte) n;
            buf[pos++] = (byte) (n >>> 8);
        } else {
            buf[pos++] = LONG_STRING | 4 << 3;
            INT_LE.set(buf, pos, n);
            pos += 4;
        }
    }

    /** A string whose encoded bytes are already known (a record component's name). */
    private void key(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buf, pos, encoded.length);
        pos += encoded.length;
    }

    // --- tables ----------------------------------------------------------------------------------

    private void tableHeader(int arraySize) {
        if (arraySize <= MAX_INLINE_ARRAY) {
            put(TABLE | arraySize << 3);
        } else {
            put(TABLE | (MAX_INLINE_ARRAY + 1) << 3);
            integer(arraySize);
        }
    }

    private void list(List<?> list, int depth) {
        int n = list.size();
        tableHeader(n);
        if (list instanceof RandomAccess) {
            for (int i = 0; i < n; i++) {
                value(list.get(i), depth);
            }
        } else {
            Iterator<?> it = list.iterator();
            for (int i = 0; i < n && it.hasNext(); i++) {
                value(it.next(), depth);
            }
        }
        put(NIL);
    }

    private void collection(Collection<?> c, int depth) {
        // the size is written first: copy, so that the count and the items always agree
        array(c.toArray(), depth);
    }

    private void array(Object[] array, int depth) {
        tableHeader(array.length);
        for (Object item : array) {
            value(item, depth);
        }
        put(NIL);
    }

    private void primitives(Object array, int depth) {
        int n = Array.getLength(array);
        if (n > 0 && depth > LuaSeri.MAX_DEPTH) {
            throw tooDeep();
        }
        tableHeader(n);
        if (array instanceof long[] longs) {
            for (long l : longs) {
                integer(l);
            }
        } else if (array instanceof int[] ints) {
            for (int i : ints) {
                integer(i);
            }
        } else if (array instanceof double[] doubles) {
            for (double d : doubles) {
                real(d);
            }
        } else {
            for (int i = 0; i < n; i++) {
                value(Array.get(array, i), depth);
            }
        }
        put(NIL);
    }

    /**
     * Integer keys 1..k present without a gap go to the array part, in order; every other entry (and
     * any entry whose value is null, which a Lua table cannot hold) follows in the map's own order.
     */
    private void map(Map<?, ?> map, int depth) {
        int size = map.size();
        Object[] items = null;
        int arraySize = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            int index = arrayIndex(e.getKey(), size);
            if (index > 0 && e.getValue() != null) {
                if (items == null) {
                    items = new Object[size];
                }
                items[index - 1] = e.getValue();
            }
        }
        if (items != null) {
            while (arraySize < size && items[arraySize] != null) {
                arraySize++;
            }
        }
        tableHeader(arraySize);
        for (int i = 0; i < arraySize; i++) {
            value(items[i], depth);
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (arraySize > 0) {
                int index = arrayIndex(key, arraySize);
                if (index > 0) {
                    continue;
                }
            }
            if (key == null) {
                throw new LuaSeriException("cannot pack a map with a null key: a Lua table key is never nil");
            }
            if (key instanceof Double d && d.isNaN() || key instanceof Float f && f.isNaN()) {
                throw new LuaSeriException("cannot pack a map with a NaN key: Lua tables refuse NaN keys");
            }
            value(key, depth);
            value(v, depth);
        }
        put(NIL);
    }

    /** 1..limit when {@code key} is that Lua integer (a Long or an Integer), else 0. */
    private static int arrayIndex(Object key, int limit) {
        long k;
        if (key instanceof Long l) {
            k = l;
        } else if (key instanceof Integer i) {
            k = i;
        } else {
            return 0;
        }
        return k >= 1 && k <= limit ? (int) k : 0;
    }

    private void fields(TableShape shape, Object v, int depth) {
        put(TABLE);
        TableShape.Property[] properties = shape.properties();
        for (TableShape.Property p : properties) {
            Object part = p.read(v);
            if (part != null) {
                if (depth > LuaSeri.MAX_DEPTH) {
                    throw tooDeep();
                }
                key(p.encodedName());
                value(part, depth);
            }
        }
        put(NIL);
    }

    private static LuaSeriException tooDeep() {
        return new LuaSeriException("serialize can't pack too depth table: an entry would sit inside more than "
                + LuaSeri.MAX_DEPTH + " nested tables (does a value contain itself?)");
    }

    // --- buffer ----------------------------------------------------------------------------------

    private void put(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    private void ensure(long more) {
        if (more > buf.length - pos) {
            grow(more);
        }
    }

    private void grow(long more) {
        long needed = pos + more;
        if (needed > MAX_SIZE) {
            throw new LuaSeriException("cannot pack: the message would be larger than 2 GiB");
        }
        int capacity = (int) Math.min(MAX_SIZE, Math.max(needed, 2L * buf.length));
        buf = Arrays.copyOf(buf, capacity);
    }
}

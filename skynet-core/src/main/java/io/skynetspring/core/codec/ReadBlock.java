package io.skynetspring.core.codec;

import static io.skynetspring.core.codec.WriteBlock.BOOLEAN;
import static io.skynetspring.core.codec.WriteBlock.LONG_STRING;
import static io.skynetspring.core.codec.WriteBlock.NIL;
import static io.skynetspring.core.codec.WriteBlock.NUMBER;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_BYTE;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_DWORD;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_QWORD;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_REAL;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_WORD;
import static io.skynetspring.core.codec.WriteBlock.NUMBER_ZERO;
import static io.skynetspring.core.codec.WriteBlock.SHORT_STRING;
import static io.skynetspring.core.codec.WriteBlock.TABLE;
import static io.skynetspring.core.codec.WriteBlock.USERDATA;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unpacker (skynet's {@code read_block}) over one slice of bytes. Hostile input costs at most a
 * small multiple of its own size: every declared length and array size is checked against the bytes
 * that are left, after what the enclosing tables still need, before anything is allocated.
 */
final class ReadBlock {

    /** Tables nested deeper than this are refused; skynet has no limit, but it packs at most 33. */
    static final int MAX_NESTING = 128;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Object[] NO_VALUES = {};

    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;
    /** Bytes the enclosing tables still need after the value being read: one per pending item, one per end mark. */
    private long owed;

    ReadBlock(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " of " + data.length + " bytes");
        }
        this.data = data;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Every value up to the end of the slice. */
    Object[] all() {
        if (pos == end) {
            return NO_VALUES;
        }
        Object[] out = new Object[Math.min(end - pos, 4)];
        int n = 0;
        while (pos < end) {
            if (n == out.length) {
                out = Arrays.copyOf(out, 2 * n);
            }
            out[n++] = value(0);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private Object value(int nesting) {
        int at = pos;
        need(1, at, "a value");
        int type = data[pos++] & 0xff;
        int cookie = type >>> 3;
        switch (type & 7) {
            case NIL:
                return null;
            case BOOLEAN:
                return cookie != 0 ? Boolean.TRUE : Boolean.FALSE;
            case NUMBER:
                if (cookie == NUMBER_REAL) {
                    need(8, at, "a float");
                    double d = Double.longBitsToDouble((long) LONG_LE.get(data, pos));
                    pos += 8;
                    return d;
                }
                return integer(at, cookie);
            case USERDATA: {
                need(8, at, "a light userdata");
                long pointer = (long) LONG_LE.get(data, pos);
                pos += 8;
                return new LuaSeri.LightUserdata(pointer);
            }
            case SHORT_STRING:
                return string(at, cookie);
            case LONG_STRING:
                return string(at, longStringLength(at, cookie));
            case TABLE:
                return table(at, cookie, nesting + 1);
            default:
                throw invalid(at, "type 7 does not exist (type byte " + hex(type) + ")");
        }
    }

    private long integer(int at, int cookie) {
        switch (cookie) {
            case NUMBER_ZERO:
                return 0;
            case NUMBER_BYTE:
                need(1, at, "a 1-byte integer");
                return data[pos++] & 0xff;
            case NUMBER_WORD: {
                need(2, at, "a 2-byte integer");
                int n = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
                pos += 2;
                return n;
            }
            case NUMBER_DWORD: {
                need(4, at, "a 4-byte integer");
                int n = (int) INT_LE.get(data, pos);
                pos += 4;
                return n;
            }
            case NUMBER_QWORD: {
                need(8, at, "an 8-byte integer");
                long n = (long) LONG_LE.get(data, pos);
                pos += 8;
                return n;
            }
            default:
                throw invalid(at, "number cookie " + cookie + " does not exist (0, 1, 2, 4, 6 and 8 do)");
        }
    }

    private long longStringLength(int at, int cookie) {
        if (cookie == 2) {
            need(2, at, "a string length");
            int n = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
            pos += 2;
            return n;
        }
        if (cookie == 4) {
            need(4, at, "a string length");
            long n = Integer.toUnsignedLong((int) INT_LE.get(data, pos));
            pos += 4;
            return n;
        }
        throw invalid(at, "long string cookie " + cookie + " does not exist (2 and 4 do)");
    }

    private Object string(int at, long length) {
        if (length > room()) {
            throw invalid(at, "truncated: a string of " + length + " bytes, " + left());
        }
        int n = (int) length;
        int from = pos;
        int stop = from + n;
        pos = stop;
        int i = from;
        while (i < stop && data[i] >= 0) {
            i++;
        }
        if (i == stop) {
            return n == 0 ? "" : new String(data, from, n, StandardCharsets.ISO_8859_1);
        }
        if (isUtf8(data, i, stop)) {
            return new String(data, from, n, StandardCharsets.UTF_8);
        }
        return Arrays.copyOfRange(data, from, stop);
    }

    private Object table(int at, int cookie, int nesting) {
        if (nesting > MAX_NESTING) {
            throw invalid(at, "tables nested more than " + MAX_NESTING + " deep");
        }
        long n = cookie;
        if (cookie == WriteBlock.MAX_INLINE_ARRAY + 1) {
            int sizeAt = pos;
            need(1, sizeAt, "an array size");
            int type = data[pos++] & 0xff;
            if ((type & 7) != NUMBER || type >>> 3 == NUMBER_REAL) {
                throw invalid(sizeAt, "the array size is not an integer (type byte " + hex(type) + ")");
            }
            n = integer(sizeAt, type >>> 3);
            if (n < 0) {
                throw invalid(sizeAt, "negative array size " + n);
            }
        }
        if (n > room() - 1) {
            throw invalid(at, "truncated: a table of " + n + " array items and its end mark need at least " + (n + 1)
                    + " bytes, " + left());
        }
        long saved = owed;
        int size = (int) n;
        List<Object> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            owed = saved + size - i;
            items.add(value(nesting));
        }
        Map<Object, Object> map = null;
        while (true) {
            owed = saved;
            if (pos >= end) {
                throw invalid(pos, "the table that starts at byte " + (at - start) + " has no end mark");
            }
            if ((data[pos] & 7) == NIL) {
                pos++;
                break;
            }
            int keyAt = pos;
            owed = saved + 2;
            Object key = key(keyAt, value(nesting));
            owed = saved + 1;
            Object v = value(nesting);
            if (map == null) {
                map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    if (items.get(i) != null) {
                        map.put((long) (i + 1), items.get(i));
                    }
                }
            }
            if (v == null) {
                map.remove(key); // as Lua's t[k] = nil
            } else {
                map.put(key, v);
            }
        }
        owed = saved;
        return map != null ? map : items;
    }

    /** As Lua stores keys: a float with an integral value is an integer key; NaN is refused. */
    private Object key(int at, Object key) {
        if (key instanceof Double d) {
            double x = d;
            if (Double.isNaN(x)) {
                throw invalid(at, "a table key is NaN");
            }
            if (x == Math.rint(x) && x >= -0x1p63 && x < 0x1p63) {
                return (long) x;
            }
        }
        return key;
    }

    /** Bytes left for the value being read. */
    private long room() {
        return (long) (end - pos) - owed;
    }

    private String left() {
        return owed == 0 ? (end - pos) + " are left"
                : (end - pos) + " are left, " + owed + " of them needed after it by the tables around it";
    }

    private void need(int bytes, int at, String what) {
        if (bytes > end - pos) {
            throw invalid(at, "truncated: " + what + " needs " + bytes + " bytes, " + (end - pos) + " are left");
        }
    }

    private LuaSeriException invalid(int at, String what) {
        return new LuaSeriException("Invalid serialize stream at byte " + (at - start) + ": " + what);
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }

    /** Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
    static boolean isUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
            } else if (c < 0xC2) {
                return false;
            } else if (c < 0xE0) {
                if (i + 1 >= to || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (c == 0xE0 && c1 < 0xA0 || c == 0xED && c1 >= 0xA0 || !continuation(b[i + 1])
                        || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xff;
                if (c == 0xF0 && c1 < 0x90 || c == 0xF4 && c1 >= 0x90 || !continuation(b[i + 1])
                        || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}

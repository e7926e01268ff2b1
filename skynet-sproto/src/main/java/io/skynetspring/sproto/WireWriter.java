package io.skynetspring.sproto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer with back-patching, the encoder's only output. */
final class WireWriter {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    // Arrays a little below Integer.MAX_VALUE are the largest every JVM allocates.
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private byte[] buf;
    private int pos;

    WireWriter(int capacity) {
        this.buf = new byte[capacity];
    }

    int position() {
        return pos;
    }

    void reset() {
        pos = 0;
    }

    /** The buffer itself: its first {@link #position()} bytes are what was written. */
    byte[] array() {
        return buf;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    int capacity() {
        return buf.length;
    }

    /** Skips {@code n} bytes to be filled in later and returns where they start. */
    int reserve(int n) {
        ensure(n);
        int at = pos;
        pos += n;
        return at;
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u32(int v) {
        ensure(4);
        I32.set(buf, pos, v);
        pos += 4;
    }

    void i64(long v) {
        ensure(8);
        I64.set(buf, pos, v);
        pos += 8;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void u16At(int at, int v) {
        I16.set(buf, at, (short) v);
    }

    void u32At(int at, int v) {
        I32.set(buf, at, v);
    }

    /** Moves everything from {@code from} to the end down to {@code to}, shrinking the output. */
    void shiftDown(int from, int to) {
        System.arraycopy(buf, from, buf, to, pos - from);
        pos -= from - to;
    }

    /** Writes the UTF-8 form of {@code s} (unpaired surrogates become '?') and returns its length. */
    int utf8(String s) {
        int n = s.length();
        ensure(n);
        int start = pos;
        int i = 0;
        byte[] b = buf;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[pos++] = (byte) c;
        }
        if (i < n) {
            utf8Tail(s, i);
        }
        return pos - start;
    }

    private void utf8Tail(String s, int from) {
        ensure((int) Math.min(MAX_SIZE, 3L * (s.length() - from)));
        byte[] b = buf;
        int p = pos;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = (byte) '?';
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    private void ensure(int n) {
        if (n > buf.length - pos) {
            grow(n);
        }
    }

    private void grow(int n) {
        long needed = (long) pos + n;
        if (needed > MAX_SIZE) {
            throw new SprotoException("encoded message would exceed " + MAX_SIZE + " bytes");
        }
        long size = Math.max(needed, Math.min(MAX_SIZE, 2L * buf.length));
        buf = Arrays.copyOf(buf, (int) size);
    }
}

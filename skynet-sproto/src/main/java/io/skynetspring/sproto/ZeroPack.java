package io.skynetspring.sproto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * sproto's 0-packing, which squeezes out zero bytes: the form every RPC packet travels in.
 * Stateless and thread-safe.
 *
 * <pre>{@code byte[] packed = ZeroPack.pack(bytes); byte[] back = ZeroPack.unpack(packed); // padded to 8}</pre>
 */
public final class ZeroPack {

    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int GROUP = 8;
    private static final int MAX_RUN = 256;

    private ZeroPack() {
    }

    /** Packs {@code src}; it is padded with zeros to a multiple of 8 first. */
    public static byte[] pack(byte[] src) {
        int groups = (src.length + GROUP - 1) / GROUP;
        // A one-group run costs 10 bytes, the most any group can cost.
        byte[] out = new byte[10 * groups];
        int o = 0;
        int runCountAt = -1;
        int runGroups = 0;
        for (int g = 0; g < groups; g++) {
            byte[] in = src;
            int at = g * GROUP;
            if (src.length - at < GROUP) {
                in = Arrays.copyOfRange(src, at, at + GROUP);
                at = 0;
            }
            long word = (long) I64.get(in, at);
            int nonZero = nonZeroBytes(word);
            if (runCountAt >= 0 && nonZero >= 6) {
                I64.set(out, o, word);
                o += GROUP;
                if (++runGroups == MAX_RUN) {
                    out[runCountAt] = (byte) (runGroups - 1);
                    runCountAt = -1;
                }
                continue;
            }
            if (runCountAt >= 0) {
                out[runCountAt] = (byte) (runGroups - 1);
                runCountAt = -1;
            }
            if (nonZero == GROUP) {
                out[o++] = (byte) 0xFF;
                runCountAt = o++;
                runGroups = 1;
                I64.set(out, o, word);
                o += GROUP;
                continue;
            }
            int tagAt = o++;
            int tag = 0;
            if (word != 0) {
                for (int i = 0; i < GROUP; i++) {
                    byte b = in[at + i];
                    if (b != 0) {
                        tag |= 1 << i;
                        out[o++] = b;
                    }
                }
            }
            out[tagAt] = (byte) tag;
        }
        if (runCountAt >= 0) {
            out[runCountAt] = (byte) (runGroups - 1);
        }
        return Arrays.copyOf(out, o);
    }

    /** Counts the non-zero bytes of a word without a loop: each sets its own top bit in {@code t}. */
    private static int nonZeroBytes(long word) {
        long low7 = 0x7F7F7F7F7F7F7F7FL;
        long t = ((word & low7) + low7 | word) & ~low7;
        return Long.bitCount(t);
    }

    /**
     * Unpacks {@code src}. The result is a multiple of 8 bytes (so may end in padding zeros) and
     * at most 8 × {@code src.length}.
     *
     * @throws SprotoException when {@code src} is truncated
     */
    public static byte[] unpack(byte[] src) {
        return unpack(src, Integer.MAX_VALUE);
    }

    /**
     * Unpacks {@code src}, refusing output larger than {@code maxLength} bytes before allocating
     * it.
     *
     * @throws SprotoException when {@code src} is truncated or unpacks to more than {@code maxLength}
     */
    public static byte[] unpack(byte[] src, int maxLength) {
        long size = unpackedSize(src);
        if (size > maxLength) {
            throw new SprotoException("unpacked data would be " + size + " bytes, limit is " + maxLength);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new SprotoException("unpacked data would be " + size + " bytes, too large for an array");
        }
        byte[] out = new byte[(int) size];
        int o = 0;
        int i = 0;
        while (i < src.length) {
            int tag = src[i++] & 0xff;
            if (tag == 0xFF) {
                int bytes = GROUP * ((src[i++] & 0xff) + 1);
                System.arraycopy(src, i, out, o, bytes);
                i += bytes;
                o += bytes;
            } else if (tag == 0) {
                o += GROUP;
            } else {
                for (int bit = 0; bit < GROUP; bit++) {
                    if ((tag & (1 << bit)) != 0) {
                        out[o] = src[i++];
                    }
                    o++;
                }
            }
        }
        return out;
    }

    /** Validates {@code src} and returns the unpacked length, without allocating. */
    private static long unpackedSize(byte[] src) {
        long size = 0;
        int i = 0;
        while (i < src.length) {
            int at = i;
            int tag = src[i++] & 0xff;
            if (tag == 0xFF) {
                if (i >= src.length) {
                    throw new SprotoException("bad packed data at byte " + at + ": 0xFF run without a count byte");
                }
                int bytes = GROUP * ((src[i++] & 0xff) + 1);
                if (src.length - i < bytes) {
                    throw new SprotoException("bad packed data at byte " + at + ": run needs " + bytes
                            + " bytes, " + (src.length - i) + " left");
                }
                i += bytes;
                size += bytes;
            } else {
                int bytes = Integer.bitCount(tag);
                if (src.length - i < bytes) {
                    throw new SprotoException("bad packed data at byte " + at + ": tag " + String.format("%02X", tag)
                            + " needs " + bytes + " bytes, " + (src.length - i) + " left");
                }
                i += bytes;
                size += GROUP;
            }
        }
        return size;
    }
}

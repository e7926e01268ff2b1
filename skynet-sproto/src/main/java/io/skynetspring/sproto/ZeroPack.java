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
    // Some JVMs cannot allocate an array of exactly Integer.MAX_VALUE elements.
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int SCRATCH_SIZE = 4096;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_SIZE]);

    private ZeroPack() {
    }

    /**
     * Packs {@code src}; it is padded with zeros to a multiple of 8 first.
     *
     * @throws SprotoException when the packed form might not fit in a Java array (input near 2 GiB)
     */
    public static byte[] pack(byte[] src) {
        return pack(src, src.length);
    }

    /** Packs the first {@code length} bytes of {@code src}, as {@link #pack(byte[])} packs a whole array. */
    static byte[] pack(byte[] src, int length) {
        int groups = (int) ((length + (long) GROUP - 1) / GROUP);
        int bound = packedBound(length);
        // packed into this thread's scratch array when it fits, then copied out at its exact size
        byte[] out = bound <= SCRATCH_SIZE ? SCRATCH.get() : new byte[bound];
        int o = 0;
        int runCountAt = -1;
        int runGroups = 0;
        for (int g = 0; g < groups; g++) {
            byte[] in = src;
            int at = g * GROUP;
            if (length - at < GROUP) {
                // the last group, padded with zeros (whatever follows length in src is not read)
                in = new byte[GROUP];
                System.arraycopy(src, at, in, 0, length - at);
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

    /**
     * The most bytes {@code length} bytes can pack to. A group costs at most 8 bytes, except the
     * 2-byte head of a 0xFF run; a run that ends on a group of under 6 non-zero bytes is paid for by
     * that group (at most 6 bytes), so only runs cut at 256 groups and the last run add their head.
     */
    static int packedBound(long length) {
        long groups = (length + GROUP - 1) / GROUP;
        long bound = GROUP * groups + 2 * (groups / MAX_RUN) + 2;
        if (bound > MAX_ARRAY) {
            throw new SprotoException("packing " + length + " bytes needs up to " + bound
                    + " bytes of output, over the largest Java array (" + MAX_ARRAY + "); split the message");
        }
        return (int) bound;
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
        byte[] out = new byte[unpackedLength(unpackedSize(src), maxLength)];
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

    /** {@code size} as an array length, refused past {@code maxLength} or the largest Java array. */
    static int unpackedLength(long size, int maxLength) {
        if (size > maxLength) {
            throw new SprotoException("unpacked data would be " + size + " bytes, limit is " + maxLength);
        }
        if (size > MAX_ARRAY) {
            throw new SprotoException("unpacked data would be " + size + " bytes, too large for an array");
        }
        return (int) size;
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

package io.skynetspring.sproto;

import java.util.function.Function;

/**
 * Entry points from whole values to bytes and back, owning the per-thread encode buffer.
 */
final class Codec {

    private static final int INITIAL_BUFFER = 256;
    // Grown buffers are kept per thread up to this size; larger ones are dropped after use.
    private static final int KEPT_BUFFER = 64 * 1024;
    private static final ThreadLocal<WireWriter> BUFFER = ThreadLocal.withInitial(() -> new WireWriter(INITIAL_BUFFER));

    private Codec() {
    }

    static byte[] encode(Binding binding, Object value) {
        return withBuffer(out -> {
            new StructEncoder(out).struct(binding, value, 1);
            return out.toBytes();
        });
    }

    /**
     * {@code pack(encode(head) ++ encode(body))} (no body when {@code bodyBinding} is null), written into
     * one buffer and packed from it.
     */
    static byte[] encodePacked(Binding headBinding, Object head, Binding bodyBinding, Object body) {
        return withBuffer(out -> {
            StructEncoder encoder = new StructEncoder(out);
            encoder.struct(headBinding, head, 1);
            if (bodyBinding != null) {
                encoder.struct(bodyBinding, body, 1);
            }
            return ZeroPack.pack(out.array(), out.position());
        });
    }

    /** Runs {@code write} on this thread's encode buffer, emptied first. */
    private static byte[] withBuffer(Function<WireWriter, byte[]> write) {
        WireWriter out = BUFFER.get();
        // A nested call (a record constructor or accessor that encodes) must not share the buffer.
        BUFFER.set(null);
        if (out == null) {
            out = new WireWriter(INITIAL_BUFFER);
        }
        try {
            out.reset();
            return write.apply(out);
        } finally {
            BUFFER.set(out.capacity() <= KEPT_BUFFER ? out : new WireWriter(INITIAL_BUFFER));
        }
    }

    /**
     * Decodes one struct of at most {@code maxValues} values; stores where it ended in
     * {@code end[0]} when {@code end} is given.
     */
    static Object decode(Binding binding, byte[] bytes, int offset, int length, int[] end, int maxValues) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new SprotoException("bad range " + offset + "+" + length + " of " + bytes.length + " bytes");
        }
        StructDecoder decoder = new StructDecoder(bytes, maxValues);
        Object value = decoder.struct(binding, offset, offset + length, 1);
        if (end != null) {
            end[0] = decoder.consumedTo();
        }
        return value;
    }
}

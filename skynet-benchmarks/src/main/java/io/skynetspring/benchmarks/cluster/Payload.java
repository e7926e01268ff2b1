package io.skynetspring.benchmarks.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What each call of a workload carries besides its id, and how the echoed copy is checked. The large
 * payload is printable ASCII, so it reads back the same whether a codec hands it over as a
 * {@code String} or as {@code byte[]}.
 *
 * @param value a {@code String} (small) or a {@code byte[]} (big)
 * @param bytes its size on the wire
 */
record Payload(Object value, int bytes) {

    static final String SMALL_TEXT = "0123456789abcdef";

    /** The 16-byte string of the sequential and pipelined workloads. */
    static Payload small() {
        return new Payload(SMALL_TEXT, SMALL_TEXT.length());
    }

    /** {@code size} bytes of letters (fixed seed, no runs a transport could compress away). */
    static Payload big(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a big payload needs at least 1 byte, was " + size);
        }
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(26));
        }
        return new Payload(data, size);
    }

    boolean isBig() {
        return value instanceof byte[];
    }

    /** Whether {@code echoed} holds the same bytes as this payload. */
    boolean sameAs(Object echoed) {
        return Arrays.equals(bytesOf(value), bytesOf(echoed));
    }

    /** {@code value} as bytes: a {@code byte[]} as it is, a {@code String} as UTF-8, anything else null. */
    static byte[] bytesOf(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }
}

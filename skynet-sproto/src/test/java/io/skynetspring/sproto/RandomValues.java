package io.skynetspring.sproto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates Map-view values for any schema type, with the edge values of the wire rules mixed in,
 * in the exact Java types the decoder returns so that decode(encode(v)) can be compared with v.
 */
final class RandomValues {

    private static final long[] EDGE_INTEGERS = {
        0, 1, 0x7ffe, 0x7fff, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 31, -(1L << 31) - 1,
        Long.MAX_VALUE, Long.MIN_VALUE, 4294967296L,
    };

    private final SplittableRandom random;
    private final int maxDepth;

    RandomValues(SplittableRandom random, int maxDepth) {
        this.random = random;
        this.maxDepth = maxDepth;
    }

    Map<String, Object> struct(SprotoType type, int depth) {
        Map<String, Object> value = new LinkedHashMap<>();
        for (Field f : type.fields()) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            if (f.type() == FieldType.STRUCT && depth >= maxDepth) {
                continue;
            }
            value.put(f.name(), field(f, depth));
        }
        return value;
    }

    private Object field(Field f, int depth) {
        if (f.isMap()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            int n = random.nextInt(4);
            Field key = f.mapKey();
            for (int i = 0; i < n; i++) {
                Object k = single(key, depth);
                if (f.isPairMap()) {
                    map.put(k, f.mapValue().isArray() ? list(f.mapValue(), depth + 1) : single(f.mapValue(), depth + 1));
                } else {
                    Map<String, Object> element = struct(f.struct(), depth + 1);
                    element.put(key.name(), k);
                    map.put(k, element);
                }
            }
            return map;
        }
        return f.isArray() ? list(f, depth) : single(f, depth);
    }

    private List<Object> list(Field f, int depth) {
        int n = random.nextInt(6);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(single(f, depth));
        }
        return list;
    }

    private Object single(Field f, int depth) {
        return switch (f.type()) {
            case INTEGER -> integer();
            case DECIMAL -> Scalars.decimalValue(f, random.nextLong(-(1L << 40), 1L << 40));
            case DOUBLE -> random.nextInt(4) == 0 ? EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)]
                    : Double.longBitsToDouble(random.nextLong());
            case BOOLEAN -> random.nextBoolean();
            case STRING -> text();
            case BINARY -> bytes(random.nextInt(12));
            case STRUCT -> struct(f.struct(), depth + 1);
        };
    }

    private static final double[] EDGE_DOUBLES = {0.0, -0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE};

    long integer() {
        int pick = random.nextInt(4);
        if (pick == 0) {
            return EDGE_INTEGERS[random.nextInt(EDGE_INTEGERS.length)];
        }
        if (pick == 1) {
            return random.nextLong(0, 0x8000);
        }
        return pick == 2 ? random.nextInt() : random.nextLong();
    }

    String text() {
        int n = random.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            s.appendCodePoint(switch (kind) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> random.nextInt(0x80, 0x800);
                case 2 -> random.nextInt(0x800, 0xD800);
                default -> random.nextInt(0x10000, 0x110000);
            });
        }
        return s.toString();
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = random.nextInt(3) == 0 ? 0 : (byte) random.nextInt(256);
        }
        return b;
    }

    /** A copy of {@code valid} damaged in one of the ways a broken or hostile peer would. */
    byte[] mutate(byte[] valid) {
        byte[] b = valid.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            if (b.length == 0) {
                return bytes(random.nextInt(16));
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] longer = new byte[b.length + 4];
                    System.arraycopy(b, 0, longer, 0, at);
                    System.arraycopy(b, at, longer, at + 4, b.length - at);
                    longer[at] = (byte) random.nextInt(256);
                    longer[at + 1] = (byte) random.nextInt(256);
                    b = longer;
                }
                case 4 -> {
                    for (int i = at; i < Math.min(b.length, at + 4); i++) {
                        b[i] = (byte) (i == at + 3 ? 0x7F : 0xFF);
                    }
                }
                case 5 -> b[at] = (byte) random.nextInt(256);
                default -> {
                    if (at + 1 < b.length) {
                        b[at] = (byte) random.nextInt(8);
                        b[at + 1] = 0;
                    }
                }
            }
        }
        return b;
    }
}

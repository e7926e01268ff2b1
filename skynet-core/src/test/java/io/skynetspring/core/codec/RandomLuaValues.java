package io.skynetspring.core.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random values of every kind lua-seri carries, sized to hit each wire form's boundaries. */
final class RandomLuaValues {

    private static final long[] EDGES = {0, 1, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
        -1, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE, Long.MAX_VALUE};

    private final Random random;

    RandomLuaValues(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A message: up to 5 values, nils included. */
    Object[] message() {
        Object[] values = new Object[random.nextInt(6)];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(3);
        }
        return values;
    }

    Object value(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> integer();
            case 3 -> real();
            case 4 -> string();
            case 5 -> bytes();
            case 6 -> random.nextInt(4) == 0 ? (int) integer() : integer();
            case 7 -> list(depth - 1);
            default -> map(depth - 1);
        };
    }

    long integer() {
        return switch (random.nextInt(4)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)] + random.nextInt(3) - 1;
            case 1 -> random.nextInt(300);
            case 2 -> random.nextInt();
            default -> random.nextLong();
        };
    }

    double real() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(100);          // integral: must still travel as a float
            case 1 -> Double.longBitsToDouble(random.nextLong()); // any bits, NaN payloads included
            case 2 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : -0.0;
            default -> random.nextGaussian() * 1e6;
        };
    }

    String string() {
        int n = switch (random.nextInt(100)) {
            case 0, 1, 2, 3, 4 -> 31 + random.nextInt(3);
            case 5 -> 65530 + random.nextInt(10);
            case 6, 7, 8, 9 -> random.nextInt(400);
            default -> random.nextInt(12);
        };
        StringBuilder s = new StringBuilder(n);
        boolean ascii = random.nextInt(3) > 0;
        while (s.length() < n) {
            if (ascii) {
                s.append((char) (32 + random.nextInt(95)));
            } else {
                int cp = switch (random.nextInt(3)) {
                    case 0 -> 0x80 + random.nextInt(0x780);
                    case 1 -> 0x800 + random.nextInt(0xD000 - 0x800);
                    default -> 0x10000 + random.nextInt(0x100000);
                };
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    /** Raw bytes: often not UTF-8 (they come back as byte[]), sometimes by chance they are (they come back as a String). */
    Object bytes() {
        byte[] b = new byte[random.nextInt(random.nextInt(50) == 0 ? 70000 : 40)];
        random.nextBytes(b);
        return b;
    }

    List<Object> list(int depth) {
        // long arrays (31 items and more take the other header form) hold scalars only, to keep messages small
        int n = depth == 0 && random.nextInt(4) == 0 ? 28 + random.nextInt(300) : random.nextInt(6);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(random.nextInt(10) == 0 ? null : value(depth));
        }
        return list;
    }

    Map<Object, Object> map(int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(depth == 0 && random.nextInt(4) == 0 ? 60 : 6);
        for (int i = 0; i < n; i++) {
            Object value = random.nextInt(12) == 0 ? null : value(depth);
            Object key = key();
            // 3 and 3L are one Lua key: keep one of them, as a Lua table would
            Object twin = key instanceof Integer k ? (Object) (long) k : key instanceof Long k && k == k.intValue()
                    ? (Object) k.intValue() : null;
            if (twin == null || !map.containsKey(twin)) {
                map.put(key, value);
            }
        }
        return map;
    }

    private Object key() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> (long) (1 + random.nextInt(8));    // often an array part
            case 2 -> 1 + random.nextInt(8);                // Integer keys count as Lua integers
            case 3 -> integer();
            case 4 -> random.nextInt(1000) + 0.5;           // a float key (an integral one would become an integer)
            case 5 -> random.nextBoolean();
            default -> "k" + random.nextInt(20) + (random.nextInt(4) == 0 ? "é" : "");
        };
    }

    static boolean isText(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}

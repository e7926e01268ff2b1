package io.skynetspring.sproto;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Which Java values a field accepts when encoding, and how they become wire numbers; the decimal
 * rounding rule of the spec lives here.
 */
final class Scalars {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Scalars() {
    }

    static long integer(Field f, Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big && big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
            return big.longValue();
        }
        throw mismatch(f, "a 64-bit integer (Long, Integer, Short, Byte)", v);
    }

    /** {@code round(value × 10^N)} computed in doubles, halves away from zero as C's round does. */
    static long decimal(Field f, Object v) {
        if (!(v instanceof Number n)) {
            throw mismatch(f, "a number", v);
        }
        double p = n.doubleValue() * f.scale();
        if (Double.isNaN(p) || Double.isInfinite(p)) {
            throw new SprotoException("field " + f.name() + " cannot encode " + v + " as integer(" + f.decimals() + ")");
        }
        double magnitude = Math.abs(p);
        double whole = Math.floor(magnitude);
        // magnitude - whole is exact in binary64, so the half test is exact.
        if (magnitude - whole >= 0.5) {
            whole += 1;
        }
        if (whole >= 0x1p63) {
            throw new SprotoException("field " + f.name() + " value " + v + " overflows a 64-bit integer");
        }
        long r = (long) whole;
        return p < 0 ? -r : r;
    }

    static double decimalValue(Field f, long wire) {
        return (double) wire / f.scale();
    }

    static double real(Field f, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch(f, "a number", v);
    }

    static boolean bool(Field f, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw mismatch(f, "a Boolean", v);
    }

    static String text(Field f, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw mismatch(f, "a String", v);
    }

    static byte[] binary(Field f, Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        throw mismatch(f, "a byte[]", v);
    }

    static Collection<?> list(Field f, Object v) {
        if (v instanceof Collection<?> c) {
            return c;
        }
        throw mismatch(f, "a List", v);
    }

    static Map<?, ?> map(Field f, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw mismatch(f, "a Map", v);
    }

    /** Whether two values of a map-key field write the same bytes. */
    static boolean sameKey(Field key, Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        return switch (key.type()) {
            case INTEGER -> integer(key, a) == integer(key, b);
            case DECIMAL -> decimal(key, a) == decimal(key, b);
            case DOUBLE -> Double.doubleToLongBits(real(key, a)) == Double.doubleToLongBits(real(key, b));
            case BINARY -> java.util.Arrays.equals(binary(key, a), binary(key, b));
            default -> a.equals(b);
        };
    }

    private static SprotoException mismatch(Field f, String expected, Object v) {
        return new SprotoException("field " + f.name() + " expects " + expected + ", got "
                + (v == null ? "null" : v.getClass().getSimpleName()));
    }
}

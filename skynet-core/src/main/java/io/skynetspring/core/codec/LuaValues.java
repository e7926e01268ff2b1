package io.skynetspring.core.codec;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Converts message values the way Lua treats numbers: an integer and a float with the same
 * mathematical value are interchangeable, a float with a fraction is not an integer, and numbers
 * and numeric strings coerce into each other. Unpacked Lua tables become records (fields by
 * name), arrays and typed collections; a Lua string is a {@code String} or a {@code byte[]}.
 *
 * <pre>{@code long n = LuaValues.convert(3.0, long.class);   // 3
 * Player p = LuaValues.convert(Map.of("id", 7L, "name", "ann"), Player.class);}</pre>
 */
public final class LuaValues {

    private LuaValues() {
    }

    /**
     * Converts {@code value} to {@code type}; throws {@link IllegalArgumentException} saying what did
     * not fit. Null converts to null for reference types and is refused for primitives.
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(Object value, Class<T> type) {
        Class<?> target = boxed(type);
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException("nil where a " + type.getSimpleName() + " is needed");
            }
            return null;
        }
        if (target.isInstance(value)) {
            return (T) value;
        }
        if (target == Long.class) {
            return (T) Long.valueOf(toLong(value));
        }
        if (target == Integer.class) {
            return (T) Integer.valueOf(toIntRange(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"));
        }
        if (target == Short.class) {
            return (T) Short.valueOf((short) toIntRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "short"));
        }
        if (target == Byte.class) {
            return (T) Byte.valueOf((byte) toIntRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte"));
        }
        if (target == Double.class) {
            return (T) Double.valueOf(toDouble(value));
        }
        if (target == Float.class) {
            return (T) Float.valueOf((float) toDouble(value));
        }
        if (target == String.class) {
            if (value instanceof Number n) {
                return (T) numberToString(n);
            }
            if (value instanceof byte[] b) {
                return (T) new String(b, java.nio.charset.StandardCharsets.UTF_8);
            }
            throw mismatch(value, type);
        }
        if (target == BigDecimal.class && value instanceof Number n) {
            return (T) new BigDecimal(numberToString(n));
        }
        if (target == BigInteger.class) {
            return (T) BigInteger.valueOf(toLong(value));
        }
        if (target == Number.class && value instanceof String s) {
            return (T) parseNumber(s);
        }
        if (target == byte[].class && value instanceof String s) {
            return (T) s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (target == Character.class && value instanceof String s && s.length() == 1) {
            return (T) Character.valueOf(s.charAt(0));
        }
        if (target.isEnum() && (value instanceof String || value instanceof byte[])) {
            return (T) enumConstant(target, convert(value, String.class));
        }
        Object table = TableConversion.toClass(value, target);
        if (table != null) {
            return (T) table;
        }
        throw mismatch(value, type);
    }

    /**
     * {@link #convert(Object, Class)} for a generic type: {@code List<Player>}, {@code Map<String, Long>},
     * {@code Set<Integer>} convert their elements too (a record's components are converted this way).
     *
     * <pre>{@code List<Player> team = (List<Player>) LuaValues.convert(values[0], method.getGenericParameterTypes()[0]);}</pre>
     */
    public static Object convert(Object value, Type type) {
        return TableConversion.toType(value, type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a " + type.getSimpleName() + "; one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The text Lua's {@code tostring} gives a number: integers plain, integral floats with ".0". */
    public static String numberToString(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return (long) d + ".0";
            }
            return Double.toString(d);
        }
        return n.toString();
    }

    private static long toLong(Object value) {
        Object v = value instanceof String s ? parseNumber(s) : value;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("number has no integer representation: " + b);
            }
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
                throw new IllegalArgumentException("number has no integer representation: " + numberToString(n));
            }
            return (long) d;
        }
        throw mismatch(value, long.class);
    }

    private static int toIntRange(Object value, int min, int max, String name) {
        long l = toLong(value);
        if (l < min || l > max) {
            throw new IllegalArgumentException("number " + l + " does not fit a " + name);
        }
        return (int) l;
    }

    private static double toDouble(Object value) {
        Object v = value instanceof String s ? parseNumber(s) : value;
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch(value, double.class);
    }

    private static Number parseNumber(String s) {
        String t = s.trim();
        try {
            return Long.valueOf(t);
        } catch (NumberFormatException ignored) {
            // not an integer literal: try a float, as Lua's tonumber does
        }
        try {
            return Double.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("string \"" + s + "\" is not a number");
        }
    }

    private static IllegalArgumentException mismatch(Object value, Class<?> type) {
        return new IllegalArgumentException(typeName(value) + " where a " + type.getSimpleName() + " is needed");
    }

    /** A short name of the value's type for error messages, in Lua's words where they fit. */
    public static String typeName(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof Number) {
            return "number (" + value.getClass().getSimpleName() + " " + value + ")";
        }
        if (value instanceof CharSequence) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof byte[]) {
            return "string (bytes)";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray()) {
            return "table";
        }
        return value.getClass().getSimpleName();
    }

    public static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == long.class) return Long.class;
        if (type == int.class) return Integer.class;
        if (type == double.class) return Double.class;
        if (type == boolean.class) return Boolean.class;
        if (type == float.class) return Float.class;
        if (type == short.class) return Short.class;
        if (type == byte.class) return Byte.class;
        if (type == char.class) return Character.class;
        return Void.class;
    }
}

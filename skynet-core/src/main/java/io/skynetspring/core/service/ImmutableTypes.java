package io.skynetspring.core.service;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which classes are immutable, so their instances can cross between services as they are. Worked
 * out once per class (through {@link Crossing}), never per message.
 *
 * <p>Immutable: the listed JDK values (some keep a lazily computed hash in a non-final field, so
 * the field rule below would miss them), enums, {@code java.time}, {@link Address}, classes marked
 * {@link Shareable}, and any class (records included) whose instance fields, up the hierarchy, are
 * all final and of immutable types. A field's declared type counts only if every value it can
 * hold is immutable: a primitive, one of the above, or a final class that is immutable itself. A
 * type that refers back to itself (a record {@code Node(int v, Node next)}) is immutable when the
 * rest of it is.
 */
final class ImmutableTypes {

    private static final Set<Class<?>> KNOWN = Set.of(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
            Float.class, Double.class, BigInteger.class, BigDecimal.class, Address.class, UUID.class, URI.class,
            Locale.class, Currency.class, Pattern.class, Class.class);

    private ImmutableTypes() {
    }

    /** Whether every instance of exactly {@code type} is immutable. */
    static boolean isImmutable(Class<?> type) {
        return isImmutable(type, new HashSet<>());
    }

    private static boolean isImmutable(Class<?> type, Set<Class<?>> visiting) {
        if (known(type)) {
            return true;
        }
        if (type.isArray() || type.isInterface() || type.isPrimitive()) {
            return false;
        }
        if (!visiting.add(type)) {
            // already being checked further up: it is immutable if the rest of it is
            return true;
        }
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod)) {
                    continue;
                }
                if (!Modifier.isFinal(mod) || !holdsOnlyImmutable(f.getType(), visiting)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether every value a field declared as {@code type} can hold is immutable. */
    private static boolean holdsOnlyImmutable(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || known(type)) {
            return true;
        }
        // a subclass of a non-final type could add mutable state
        return Modifier.isFinal(type.getModifiers()) && isImmutable(type, visiting);
    }

    private static boolean known(Class<?> type) {
        if (type.isArray()) {
            // an array's package is its element's: Instant[] is not java.time's
            return false;
        }
        return KNOWN.contains(type)
                || Enum.class.isAssignableFrom(type)
                || Charset.class.isAssignableFrom(type)
                || type.getPackageName().startsWith("java.time")
                || type.isAnnotationPresent(Shareable.class);
    }
}

package io.skynetspring.core.snax;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a service's state from the old instance to the new one at a hotfix: the old fields by name
 * (a subclass's field hides a superclass's of the same name), copied into the new instance's fields
 * of the same name when the value fits.
 */
final class StateTransfer {

    /** Each class's accessible instance fields, made once (and dropped with the class). */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return List.copyOf(instanceFields(type));
        }
    };

    final List<String> carried = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();

    private StateTransfer() {
    }

    /** The instance fields of {@code instance}, by name. */
    static Map<String, Object> fields(Object instance) {
        return fields(instance, FIELDS.get(instance.getClass()));
    }

    private static Map<String, Object> fields(Object instance, List<Field> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : fields) {
            if (!out.containsKey(f.getName())) {
                try {
                    out.put(f.getName(), f.get(instance));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("field " + f.getName() + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /**
     * Copies {@code old} into {@code target}'s fields of the same names. A value that does not fit its
     * new field fails the whole copy with the field named: state is never dropped silently.
     */
    static StateTransfer copy(Map<String, Object> old, Object target) {
        StateTransfer t = new StateTransfer();
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field f : FIELDS.get(target.getClass())) {
            fields.putIfAbsent(f.getName(), f);
        }
        List<String> misfits = new ArrayList<>();
        for (Map.Entry<String, Object> e : old.entrySet()) {
            Field f = fields.get(e.getKey());
            Object value = e.getValue();
            if (f == null) {
                t.dropped.add(e.getKey());
            } else if (value == null ? f.getType().isPrimitive() : !boxed(f.getType()).isInstance(value)) {
                misfits.add("field '" + e.getKey() + "' holds a " + describe(value) + ", which does not fit the new "
                        + describe(f.getType()));
            } else {
                t.carried.add(e.getKey());
            }
        }
        if (!misfits.isEmpty()) {
            throw new IllegalStateException(String.join("; ", misfits) + ": add a @Migrate method to the new "
                    + "version to convert it (a class in the hotfix path is loaded again, so old values are of the "
                    + "old class)");
        }
        for (String name : t.carried) {
            Field f = fields.get(name);
            try {
                f.set(target, old.get(name));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("field '" + name + "' cannot be written: " + e.getMessage(), e);
            }
        }
        return t;
    }

    /** Looks {@code type}'s fields up now, so that a swap finds them made: the pause is then only the copy. */
    static void prepare(Class<?> type) {
        FIELDS.get(type);
    }

    /** Instance fields, the class's own first, then its superclasses'; those the JDK will not open are left out. */
    private static List<Field> instanceFields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                } catch (InaccessibleObjectException | SecurityException closed) {
                    continue;
                }
                out.add(f);
            }
        }
        return out;
    }

    private static String describe(Object value) {
        return value == null ? "null" : describe(value.getClass());
    }

    private static String describe(Class<?> c) {
        return c.getName() + (c.isPrimitive() ? "" : " (loader " + HotfixLoader.id(c.getClassLoader()) + ")");
    }

    private static Class<?> boxed(Class<?> c) {
        return io.skynetspring.core.codec.LuaValues.boxed(c);
    }
}

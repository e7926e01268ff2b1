package io.skynetspring.core.codec;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table half of {@link LuaValues#convert}: an unpacked Lua table (a {@code List} or a
 * {@code Map}) into a record, an array, or a {@code List}/{@code Set}/{@code Map} whose declared
 * element types ask for a conversion; an {@code Optional<X>} field is empty when the table lacks it. A List and a Map with keys 1..n are the same Lua table, so
 * either converts to either.
 */
final class TableConversion {

    private TableConversion() {
    }

    /** The converted value, or null when neither {@code value} nor {@code target} is a table this class handles. */
    static Object toClass(Object value, Class<?> target) {
        if (target.isRecord() && isTable(value)) {
            return record(table(value), target);
        }
        if (target.isArray() && target != byte[].class && value instanceof List<?> list) {
            return array(list, target.getComponentType(), target.getComponentType());
        }
        if (target.isArray() && target != byte[].class && value instanceof Map<?, ?> map && sequence(map) != null) {
            return array(sequence(map), target.getComponentType(), target.getComponentType());
        }
        if (target.isAssignableFrom(LinkedHashMap.class) && value instanceof List<?> list) {
            return table(list);
        }
        if (target.isAssignableFrom(ArrayList.class) && value instanceof Map<?, ?> map) {
            return sequence(map);
        }
        if (target.isAssignableFrom(LinkedHashSet.class) && value instanceof Collection<?> c) {
            return new LinkedHashSet<>(c);
        }
        return null;
    }

    /** {@code value} converted to a generic {@code type} such as {@code List<Player>} or {@code Map<String, Long>}. */
    static Object toType(Object value, Type type) {
        if (type instanceof Class<?> c) {
            return LuaValues.convert(value, c);
        }
        if (type instanceof WildcardType w) {
            return toType(value, w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return toType(value, v.getBounds()[0]);
        }
        if (type instanceof GenericArrayType g) {
            Type component = g.getGenericComponentType();
            List<?> list = value instanceof List<?> l ? l : value instanceof Map<?, ?> m ? sequence(m) : null;
            if (list == null) {
                return LuaValues.convert(value, raw(type));
            }
            return array(list, raw(component), component);
        }
        ParameterizedType p = (ParameterizedType) type;
        Class<?> raw = raw(p);
        Type[] args = p.getActualTypeArguments();
        if (raw == Optional.class) {
            return Optional.ofNullable(toType(value, args[0]));
        }
        if (value == null) {
            return null;
        }
        if (Map.class.isAssignableFrom(raw) && isTable(value) && raw.isAssignableFrom(LinkedHashMap.class)) {
            return map(table(value), args[0], args[1]);
        }
        if (Collection.class.isAssignableFrom(raw) && (value instanceof Collection<?> || isTable(value))) {
            Collection<?> items = value instanceof Collection<?> c ? c : sequence((Map<?, ?>) value);
            if (items == null) {
                throw new IllegalArgumentException("a table with keys other than 1..n where a "
                        + raw.getSimpleName() + " is needed");
            }
            if (raw.isAssignableFrom(ArrayList.class)) {
                return elements(items, args[0], new ArrayList<>(items.size()));
            }
            if (raw.isAssignableFrom(LinkedHashSet.class)) {
                return elements(items, args[0], new LinkedHashSet<>());
            }
        }
        return LuaValues.convert(value, raw);
    }

    private static boolean isTable(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }

    /** A record from a table: components by name; absent ones are null, or an error for a primitive. */
    private static Object record(Map<?, ?> table, Class<?> type) {
        TableShape shape = TableShape.of(type);
        TableShape.Property[] properties = shape.properties();
        Object[] components = new Object[properties.length];
        for (int i = 0; i < properties.length; i++) {
            TableShape.Property p = properties[i];
            Object raw = table.get(p.name());
            if (raw == null && p.rawType() == Optional.class) {
                components[i] = Optional.empty();
                continue;
            }
            if (raw == null && p.rawType().isPrimitive()) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + p.name() + " is missing: nil where a "
                        + p.rawType().getSimpleName() + " is needed");
            }
            try {
                components[i] = toType(raw, p.type());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + p.name() + ": " + e.getMessage(), e);
            }
        }
        return shape.construct(components);
    }

    private static Object array(List<?> list, Class<?> component, Type generic) {
        Object out = Array.newInstance(component, list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                Array.set(out, i, toType(list.get(i), generic));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** {@code into} filled with the converted items; the original collection when nothing changed and it is a List. */
    private static Object elements(Collection<?> items, Type element, Collection<Object> into) {
        boolean changed = !(items instanceof List<?>) || !(into instanceof List<?>);
        int i = 1;
        for (Object item : items) {
            Object converted;
            try {
                converted = toType(item, element);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + ": " + e.getMessage(), e);
            }
            changed |= converted != item;
            into.add(converted);
            i++;
        }
        return changed ? into : items;
    }

    private static Map<Object, Object> map(Map<?, ?> table, Type keyType, Type valueType) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : table.entrySet()) {
            Object key;
            try {
                key = toType(e.getKey(), keyType);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("key " + e.getKey() + ": " + x.getMessage(), x);
            }
            try {
                out.put(key, toType(e.getValue(), valueType));
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("[" + e.getKey() + "]: " + x.getMessage(), x);
            }
        }
        return out;
    }

    /** The table as a Map: a List's items under 1L..nL (nils left out, as Lua has them). */
    private static Map<?, ?> table(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        List<?> list = (List<?>) value;
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) != null) {
                out.put((long) (i + 1), list.get(i));
            }
        }
        return out;
    }

    /** The table as a List when its keys are exactly 1..n (Long or Integer); else null. */
    private static List<Object> sequence(Map<?, ?> map) {
        int n = map.size();
        Object[] items = new Object[n];
        for (Map.Entry<?, ?> e : map.entrySet()) {
            long k = e.getKey() instanceof Long l ? l : e.getKey() instanceof Integer i ? i : 0;
            if (k < 1 || k > n || items[(int) k - 1] != null) {
                return null;
            }
            items[(int) k - 1] = e.getValue();
        }
        List<Object> out = new ArrayList<>(n);
        for (Object item : items) {
            out.add(item);
        }
        return out;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        return Object.class;
    }
}

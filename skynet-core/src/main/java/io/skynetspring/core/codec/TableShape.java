package io.skynetspring.core.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a record or a bean becomes a Lua table and back: its properties (record components, or the
 * public getters of a bean) with their names, readers and declared types, and for a record its
 * canonical constructor. Worked out once per class and kept in a {@link ClassValue}.
 */
final class TableShape {

    /** One named field of the table. */
    record Property(String name, byte[] encodedName, MethodHandle reader, Type type, Class<?> rawType) {

        /** The property's value of {@code owner}; a getter that throws makes the pack fail. */
        Object read(Object owner) {
            try {
                return (Object) reader.invokeExact(owner);
            } catch (Throwable t) {
                throw new LuaSeriException("cannot pack " + owner.getClass().getName() + ": reading its " + name
                        + " failed: " + t);
            }
        }
    }

    private static final TableShape NONE = new TableShape(null, new Property[0], null, null);

    private static final ClassValue<TableShape> BY_CLASS = new ClassValue<>() {
        @Override
        protected TableShape computeValue(Class<?> type) {
            return decide(type);
        }
    };

    private final Class<?> type;
    private final Property[] properties;
    /** A record's canonical constructor, taking an Object[] of its components; null for a bean. */
    private final MethodHandle canonical;
    /** Why the class's members cannot be reached (a module that does not open it); null when they can. */
    private final String refusal;

    private TableShape(Class<?> type, Property[] properties, MethodHandle canonical, String refusal) {
        this.type = type;
        this.properties = properties;
        this.canonical = canonical;
        this.refusal = refusal;
    }

    /** The shape of a record or bean class; null for a class that is neither (it cannot be packed). */
    static TableShape of(Class<?> type) {
        TableShape shape = BY_CLASS.get(type);
        if (shape == NONE) {
            return null;
        }
        if (shape.refusal != null) {
            throw new LuaSeriException(shape.refusal);
        }
        return shape;
    }

    Property[] properties() {
        return properties;
    }

    boolean isRecord() {
        return canonical != null;
    }

    /** A new record from its components in declaration order. */
    Object construct(Object[] components) {
        try {
            return (Object) canonical.invokeExact(components);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " refused its components: " + e.getMessage(), e);
        } catch (Throwable t) {
            throw new IllegalArgumentException(type.getSimpleName() + " could not be built: " + t, t);
        }
    }

    private static TableShape decide(Class<?> type) {
        try {
            if (type.isRecord()) {
                return record(type);
            }
            return isBeanCandidate(type) ? bean(type) : NONE;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a class in a module that does not open its package to skynet-core
            return new TableShape(type, new Property[0], null, "cannot pack " + type.getName()
                    + ": its accessors cannot be reached (" + e + "); open its package to skynet-core");
        }
    }

    private static TableShape record(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] rc = type.getRecordComponents();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Property[] properties = new Property[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            Method accessor = rc[i].getAccessor();
            accessor.setAccessible(true);
            properties[i] = property(rc[i].getName(), lookup.unreflect(accessor), rc[i].getGenericType(), rc[i].getType());
            types[i] = rc[i].getType();
        }
        Constructor<?> ctor = type.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        MethodHandle canonical = lookup.unreflectConstructor(ctor)
                .asType(MethodType.genericMethodType(rc.length))
                .asSpreader(Object[].class, rc.length);
        return new TableShape(type, properties, canonical, null);
    }

    /** JDK, Reactor and thread classes have getters too, but they are not data: they are refused. */
    private static boolean isBeanCandidate(Class<?> type) {
        String pkg = type.getPackageName();
        return !(pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jdk.") || pkg.startsWith("sun.")
                || pkg.startsWith("com.sun.") || pkg.startsWith("reactor.") || pkg.startsWith("org.reactivestreams")
                || type.isHidden() || type.isSynthetic() || type.isInterface() || Thread.class.isAssignableFrom(type));
    }

    private static TableShape bean(Class<?> type) throws ReflectiveOperationException {
        Map<String, Method> getters = new TreeMap<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && !m.isBridge() && m.getParameterCount() == 0
                    && propertyName(m) != null) {
                getters.putIfAbsent(propertyName(m), m);
            }
        }
        if (getters.isEmpty()) {
            return NONE;
        }
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Property[] properties = new Property[getters.size()];
        int i = 0;
        for (Map.Entry<String, Method> e : getters.entrySet()) {
            Method m = e.getValue();
            m.setAccessible(true);
            properties[i++] = property(e.getKey(), lookup.unreflect(m), m.getGenericReturnType(), m.getReturnType());
        }
        return new TableShape(type, properties, null, null);
    }

    private static Property property(String name, MethodHandle reader, Type type, Class<?> rawType) {
        WriteBlock w = new WriteBlock(name.length() + 8);
        w.value(name, 0);
        return new Property(name, w.toByteArray(), reader.asType(MethodType.methodType(Object.class, Object.class)),
                type, rawType);
    }

    /** {@code getLevel} → {@code level}, {@code isOnline} (boolean) → {@code online}, {@code getURL} → {@code URL}; else null. */
    private static String propertyName(Method m) {
        String name = m.getName();
        String rest;
        if (name.startsWith("get") && name.length() > 3 && !name.equals("getClass") && m.getReturnType() != void.class) {
            rest = name.substring(3);
        } else if (name.startsWith("is") && name.length() > 2
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
            rest = name.substring(2);
        } else {
            return null;
        }
        if (!Character.isUpperCase(rest.charAt(0))) {
            return null;
        }
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(1))) {
            return rest;
        }
        return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }
}

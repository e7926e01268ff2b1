package io.skynetspring.sproto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * The typed view: a struct is a Java record whose component names are field names. Components
 * are checked against their fields when the binding is built, so a mismatch fails once, with a
 * message naming the component, instead of on some later message.
 */
final class RecordBinding extends Binding {

    private static final Object DYNAMIC = new Object();
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodType LONG_GETTER = MethodType.methodType(long.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private final Class<?> recordClass;
    private final MethodHandle[] getters;
    /** For a plain integer field held as a primitive long or int: its getter widened to long, else null. */
    private final MethodHandle[] longGetters;
    private final int[] argOf;
    private final boolean[] narrow;
    private final Type[] javaTypes;
    private final Class<?>[] argTypes;
    private final MethodHandle constructor;
    // Nested bindings are resolved on first use so that recursive records need no cycle handling.
    private final Object[] nested;

    RecordBinding(SprotoType type, Class<?> recordClass) {
        super(type);
        if (!recordClass.isRecord()) {
            throw new SprotoException(recordClass.getName() + " is not a record");
        }
        this.recordClass = recordClass;
        Field[] fields = type.fieldArray();
        this.getters = new MethodHandle[fields.length];
        this.longGetters = new MethodHandle[fields.length];
        this.argOf = new int[fields.length];
        this.narrow = new boolean[fields.length];
        this.javaTypes = new Type[fields.length];
        this.nested = new Object[fields.length];
        java.util.Arrays.fill(argOf, -1);
        RecordComponent[] components = recordClass.getRecordComponents();
        this.argTypes = new Class<?>[components.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (int j = 0; j < components.length; j++) {
            RecordComponent c = components[j];
            argTypes[j] = c.getType();
            Field f = type.field(c.getName());
            if (f == null) {
                throw new SprotoException("record " + recordClass.getSimpleName() + " component " + c.getName()
                        + " has no field in sproto type " + type.name());
            }
            int i = type.indexOf(f);
            String where = "record " + recordClass.getSimpleName() + " component " + c.getName();
            check(f, c.getGenericType(), where, true);
            argOf[i] = j;
            javaTypes[i] = c.getGenericType();
            narrow[i] = f.type() == FieldType.INTEGER && !f.isArray()
                    && (c.getType() == int.class || c.getType() == Integer.class);
            MethodHandle accessor = getter(lookup, c.getAccessor());
            getters[i] = accessor.asType(GETTER);
            if (f.type() == FieldType.INTEGER && !f.isArray() && (c.getType() == long.class || c.getType() == int.class)) {
                longGetters[i] = accessor.asType(LONG_GETTER);
            }
        }
        this.constructor = constructor(lookup, recordClass, argTypes)
                .asSpreader(Object[].class, components.length).asType(CONSTRUCTOR);
    }

    @Override
    Object get(Object struct, int index) {
        MethodHandle getter = getters[index];
        if (getter == null) {
            return null;
        }
        try {
            return (Object) getter.invokeExact(struct);
        } catch (RuntimeException e) {
            throw new SprotoException("cannot read " + type.fieldArray()[index].name() + " of "
                    + recordClass.getSimpleName() + " from " + struct.getClass().getName() + ": " + e, e);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    boolean primitiveInteger(int index) {
        return longGetters[index] != null;
    }

    @Override
    long getLong(Object struct, int index) {
        try {
            return (long) longGetters[index].invokeExact(struct);
        } catch (RuntimeException e) {
            throw new SprotoException("cannot read " + type.fieldArray()[index].name() + " of "
                    + recordClass.getSimpleName() + " from " + struct.getClass().getName() + ": " + e, e);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    Binding encodeBinding(int index, Object value) {
        Object bound = nested(index);
        return bound == DYNAMIC ? type.mapBinding().encodeBinding(index, value) : (Binding) bound;
    }

    @Override
    Binding decodeBinding(int index) {
        Object bound = nested(index);
        return bound == DYNAMIC ? type.mapBinding().decodeBinding(index) : (Binding) bound;
    }

    @Override
    boolean wants(int index) {
        return argOf[index] >= 0;
    }

    @Override
    Object start() {
        return new Object[argTypes.length];
    }

    @Override
    void set(Object builder, int index, Object value) {
        int arg = argOf[index];
        if (arg < 0) {
            return;
        }
        if (narrow[index]) {
            long wide = (Long) value;
            if ((int) wide != wide) {
                throw new SprotoException("field " + type.fieldArray()[index].name() + " value " + wide
                        + " does not fit the int component of " + recordClass.getSimpleName());
            }
            value = (int) wide;
        }
        ((Object[]) builder)[arg] = value;
    }

    @Override
    Object finish(Object builder) {
        Object[] args = (Object[]) builder;
        for (int j = 0; j < args.length; j++) {
            if (args[j] == null && argTypes[j].isPrimitive()) {
                args[j] = zero(argTypes[j]);
            }
        }
        try {
            return (Object) constructor.invokeExact(args);
        } catch (RuntimeException e) {
            throw new SprotoException("record " + recordClass.getSimpleName() + " rejected the decoded values: " + e, e);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private Object nested(int index) {
        Object bound = nested[index];
        if (bound == null) {
            Field f = type.fieldArray()[index];
            bound = f.type() == FieldType.STRUCT && javaTypes[index] != null ? resolve(f, javaTypes[index]) : DYNAMIC;
            nested[index] = bound;
        }
        return bound;
    }

    /** The binding for the structs a value of Java type {@code declared} holds for field {@code f}. */
    private static Object resolve(Field f, Type declared) {
        Type element = f.isMap() ? typeArgument(declared, 1) : f.isArray() ? typeArgument(declared, 0) : declared;
        if (f.isPairMap()) {
            Field valueField = f.mapValue();
            Object values = valueField.type() == FieldType.STRUCT ? resolve(valueField, element) : DYNAMIC;
            return new PairBinding(f.struct(), values == DYNAMIC ? null : (Binding) values);
        }
        Class<?> raw = raw(element);
        return raw.isRecord() ? f.struct().recordBinding(raw) : DYNAMIC;
    }

    /** Fails when a decoded value of {@code f} could not be stored in Java type {@code t}. */
    private static void check(Field f, Type t, String where, boolean topLevel) {
        Class<?> raw = raw(t);
        if (f.isMap()) {
            require(raw.isAssignableFrom(LinkedHashMap.class), where, "a Map", raw);
            requireAccepts(natural(f.mapKey()), typeArgument(t, 0), where + " (map key)");
            Type value = typeArgument(t, 1);
            if (f.isPairMap()) {
                check(f.mapValue(), value, where + " (map value)", false);
            } else {
                checkStruct(raw(value), where + " (map value)");
            }
        } else if (f.isArray()) {
            require(raw.isAssignableFrom(ArrayList.class), where, "a List", raw);
            Type element = typeArgument(t, 0);
            if (f.type() == FieldType.STRUCT) {
                checkStruct(raw(element), where + " (element)");
            } else {
                requireAccepts(natural(f), element, where + " (element)");
            }
        } else if (f.type() == FieldType.STRUCT) {
            checkStruct(raw, where);
        } else if (!(topLevel && f.type() == FieldType.INTEGER && (raw == int.class || raw == Integer.class))) {
            requireAccepts(natural(f), t, where);
        }
    }

    private static void checkStruct(Class<?> raw, String where) {
        require(raw.isRecord() || raw.isAssignableFrom(LinkedHashMap.class), where, "a record or a Map", raw);
    }

    private static void requireAccepts(Class<?> natural, Type t, String where) {
        Class<?> raw = raw(t);
        require(box(raw).isAssignableFrom(natural), where, natural.getSimpleName(), raw);
    }

    private static void require(boolean ok, String where, String expected, Class<?> found) {
        if (!ok) {
            throw new SprotoException(where + " must hold " + expected + ", but is " + found.getSimpleName());
        }
    }

    /** The class the Map view decodes a single value of {@code f} to. */
    private static Class<?> natural(Field f) {
        return switch (f.type()) {
            case INTEGER -> Long.class;
            case DECIMAL, DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case STRING -> String.class;
            case BINARY -> byte[].class;
            case STRUCT -> LinkedHashMap.class;
        };
    }

    private static Class<?> box(Class<?> c) {
        if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == int.class) {
            return Integer.class;
        }
        return c;
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == long.class) {
            return 0L;
        } else if (primitive == int.class) {
            return 0;
        } else if (primitive == double.class) {
            return 0.0;
        } else if (primitive == boolean.class) {
            return false;
        }
        throw new SprotoException("unsupported primitive component type " + primitive);
    }

    private static Type typeArgument(Type t, int index) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (t instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (t instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        if (t instanceof GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    private static MethodHandle getter(MethodHandles.Lookup lookup, Method accessor) {
        try {
            accessor.setAccessible(true);
            return lookup.unreflect(accessor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SprotoException("cannot access " + accessor + ": " + e, e);
        }
    }

    private static MethodHandle constructor(MethodHandles.Lookup lookup, Class<?> recordClass, Class<?>[] types) {
        try {
            Constructor<?> canonical = recordClass.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return lookup.unreflectConstructor(canonical);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SprotoException("cannot access the canonical constructor of " + recordClass.getName() + ": " + e, e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        return new SprotoException(e.toString(), e);
    }
}

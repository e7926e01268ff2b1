package io.skynetspring.core.service;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * A record with a mutable component (a {@code List}, an array, another such record) crosses as a
 * new record built by its canonical constructor from copies of its components. When no component
 * needed a copy the record itself passes, so a record that merely could hold a mutable value costs
 * reading its components.
 */
final class RecordCopy extends Crossing {

    private final MethodHandle[] components;
    /** The canonical constructor, taking an Object[] of the components. */
    private final MethodHandle canonical;

    private RecordCopy(MethodHandle[] components, MethodHandle canonical) {
        this.components = components;
        this.canonical = canonical;
    }

    static Crossing of(Class<?> type) {
        try {
            RecordComponent[] rc = type.getRecordComponents();
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle[] getters = new MethodHandle[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) {
                rc[i].getAccessor().setAccessible(true);
                getters[i] = lookup.unreflect(rc[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
                types[i] = rc[i].getType();
            }
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            MethodHandle canonical = lookup.unreflectConstructor(ctor)
                    .asType(MethodType.genericMethodType(rc.length))
                    .asSpreader(Object[].class, rc.length);
            return new RecordCopy(getters, canonical);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a record in a module that does not open its package to skynet-core
            return new Refused("a record with mutable components that the runtime cannot reach to copy ("
                    + e + "); open its package or make its components immutable");
        }
    }

    @Override
    Object copy(Object value, int depth) {
        Object[] parts = new Object[components.length];
        boolean changed = false;
        try {
            for (int i = 0; i < parts.length; i++) {
                Object part = (Object) components[i].invokeExact(value);
                Object copied = MessageCopy.value(part, depth + 1);
                changed |= copied != part;
                parts[i] = copied;
            }
            if (!changed) {
                return value;
            }
            return (Object) canonical.invokeExact(parts);
        } catch (MessageCopy.Refusal r) {
            throw r;
        } catch (Throwable t) {
            throw new MessageCopy.Refusal(value.getClass().getName() + " is a record whose copy failed: " + t);
        }
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.snax.SnaxMethod.Kind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One entry of a snax interface (skynet's {@code {id, group, name, f}}): the Java method that runs it
 * and how its arguments bind. A patch's function runs a method of the patch whose first parameter is
 * the live instance.
 */
final class SnaxFunction {

    final int id;
    final String name;
    final Kind kind;
    final Method method;
    final Arguments arguments;
    /** Position in its interface's table: where the service keeps this method's counters. */
    final int index;
    /** For a patch: the patch object, or null for a static patch method. */
    private final Object patch;
    private final boolean patched;

    private SnaxFunction(int id, String name, Kind kind, Method method, int index, Object patch, boolean patched) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.method = method;
        this.index = index;
        this.patch = patch;
        this.patched = patched;
        this.arguments = new Arguments(name, method, patched ? 1 : 0);
        method.setAccessible(true);
    }

    static SnaxFunction of(int id, String name, Kind kind, Method method, int index) {
        return new SnaxFunction(id, name, kind, method, index, null, false);
    }

    /** This function run by {@code method} of a patch (static, or on {@code patch}). */
    SnaxFunction patchedBy(Method method, Object patch) {
        return new SnaxFunction(id, name, kind, method, index, Modifier.isStatic(method.getModifiers()) ? null : patch,
                true);
    }

    boolean patched() {
        return patched;
    }

    SnaxMethod describe() {
        return new SnaxMethod(id, name, kind, arguments.typeNames());
    }

    /** Binds {@code args} and runs on {@code instance}; what the method throws is rethrown as it is. */
    Object invoke(Object instance, Object[] args) throws Exception {
        Object[] bound = arguments.bind(args);
        try {
            if (!patched) {
                return method.invoke(instance, bound);
            }
            Object[] withSelf = new Object[bound.length + 1];
            withSelf[0] = instance;
            System.arraycopy(bound, 0, withSelf, 1, bound.length);
            return method.invoke(patch, withSelf);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        }
    }

    static Exception rethrown(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception ex) {
            return ex;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return e;
    }

    @Override
    public String toString() {
        return kind.label() + " " + arguments.usage();
    }
}

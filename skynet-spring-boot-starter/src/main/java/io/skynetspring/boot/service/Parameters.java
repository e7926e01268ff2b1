package io.skynetspring.boot.service;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.StringJoiner;

/** The parameter list of a handler method: binds message arguments to it, converting as Lua numbers do. */
final class Parameters {

    private final String[] names;
    private final Class<?>[] types;
    /** The declared types with their type arguments ({@code List<Player>}), so table elements convert too. */
    private final java.lang.reflect.Type[] generic;
    private final boolean varargs;
    private final String usage;

    private Parameters(String name, Method method) {
        Parameter[] params = method.getParameters();
        this.names = new String[params.length];
        this.types = new Class<?>[params.length];
        this.generic = new java.lang.reflect.Type[params.length];
        StringJoiner sig = new StringJoiner(", ", name + "(", ")");
        for (int i = 0; i < params.length; i++) {
            names[i] = params[i].getName();
            types[i] = params[i].getType();
            generic[i] = params[i].getParameterizedType();
            boolean last = i == params.length - 1 && method.isVarArgs();
            sig.add((last ? types[i].getComponentType().getSimpleName() + "..." : types[i].getSimpleName()) + " " + names[i]);
        }
        this.varargs = method.isVarArgs();
        this.usage = sig.toString();
    }

    static Parameters of(String name, Method method) {
        return new Parameters(name, method);
    }

    int count() {
        return types.length;
    }

    /** How to call it, e.g. {@code add(long a, long b)}: the hint every binding error ends with. */
    String usage() {
        return usage;
    }

    /** The arguments as the method's parameters; a {@link ServiceException} naming the parameter if they do not fit. */
    Object[] bind(String label, Object[] args) {
        int fixed = varargs ? types.length - 1 : types.length;
        if (args.length < fixed) {
            throw new ServiceException(label + " parameter " + (args.length + 1) + " (" + names[args.length]
                    + ") is missing: got " + arguments(args.length) + "; call it as " + usage);
        }
        if (!varargs && args.length > fixed) {
            throw new ServiceException(label + " takes " + arguments(fixed) + " but got " + args.length
                    + "; call it as " + usage);
        }
        Object[] bound = new Object[types.length];
        for (int i = 0; i < fixed; i++) {
            bound[i] = convert(label, i, names[i], args[i], generic[i]);
        }
        if (varargs) {
            Class<?> element = types[fixed].getComponentType();
            Object rest = Array.newInstance(element, args.length - fixed);
            for (int j = 0; j < args.length - fixed; j++) {
                Array.set(rest, j, convert(label, fixed + j, names[fixed] + "[" + j + "]", args[fixed + j], element));
            }
            bound[fixed] = rest;
        }
        return bound;
    }

    private Object convert(String label, int index, String name, Object value, java.lang.reflect.Type type) {
        try {
            return type instanceof Class<?> c ? LuaValues.convert(value, c) : LuaValues.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(label + " parameter " + (index + 1) + " (" + name + "): " + e.getMessage()
                    + "; call it as " + usage);
        }
    }

    private static String arguments(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }
}

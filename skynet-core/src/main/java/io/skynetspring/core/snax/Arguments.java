package io.skynetspring.core.snax;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The parameters a snax method takes from a message, bound in order and converted as Lua numbers
 * are. A patch method's first parameter is the live instance, not a message argument, so it is skipped.
 */
final class Arguments {

    private final String[] names;
    private final Class<?>[] types;
    private final boolean varargs;
    private final String usage;

    Arguments(String name, Method method, int skip) {
        Parameter[] params = method.getParameters();
        int n = params.length - skip;
        this.names = new String[n];
        this.types = new Class<?>[n];
        this.varargs = method.isVarArgs();
        StringJoiner sig = new StringJoiner(", ", name + "(", ")");
        for (int i = 0; i < n; i++) {
            names[i] = params[i + skip].getName();
            types[i] = params[i + skip].getType();
            boolean last = varargs && i == n - 1;
            sig.add((last ? types[i].getComponentType().getSimpleName() + "..." : types[i].getSimpleName()) + " "
                    + names[i]);
        }
        this.usage = sig.toString();
    }

    int count() {
        return types.length;
    }

    boolean varargs() {
        return varargs;
    }

    Class<?> type(int i) {
        return types[i];
    }

    /** Binary names of the parameter types, as {@link SnaxMethod} lists them. */
    List<String> typeNames() {
        List<String> out = new ArrayList<>(types.length);
        for (Class<?> t : types) {
            out.add(t.getName());
        }
        return out;
    }

    /** How to call it, e.g. {@code login(String user, String password)}: the hint every binding error ends with. */
    String usage() {
        return usage;
    }

    /** {@code args} as the parameters; a {@link ServiceException} naming the parameter if they do not fit. */
    Object[] bind(Object[] args) {
        int fixed = varargs ? types.length - 1 : types.length;
        int given = args == null ? 0 : args.length;
        if (given < fixed) {
            throw new ServiceException("parameter " + (given + 1) + " (" + names[given] + ") is missing: got "
                    + plural(given) + "; call it as " + usage);
        }
        if (!varargs && given > fixed) {
            throw new ServiceException("takes " + plural(fixed) + " but got " + given + "; call it as " + usage);
        }
        Object[] bound = new Object[types.length];
        for (int i = 0; i < fixed; i++) {
            bound[i] = convert(i, names[i], args[i], types[i]);
        }
        if (varargs) {
            Class<?> element = types[fixed].getComponentType();
            Object rest = Array.newInstance(element, given - fixed);
            for (int j = 0; j < given - fixed; j++) {
                Array.set(rest, j, convert(fixed + j, names[fixed] + "[" + j + "]", args[fixed + j], element));
            }
            bound[fixed] = rest;
        }
        return bound;
    }

    /**
     * {@code args} padded to {@code method}'s parameter count with nil, or zero and false for
     * primitives: an @Exit that takes arguments still runs at shutdown, where none are given.
     */
    static Object[] padded(Method method, Object[] args) {
        Class<?>[] types = method.getParameterTypes();
        int given = args == null ? 0 : args.length;
        int fixed = method.isVarArgs() ? types.length - 1 : types.length;
        if (given >= fixed) {
            return args == null ? new Object[0] : args;
        }
        Object[] out = Arrays.copyOf(args == null ? new Object[0] : args, fixed);
        for (int i = given; i < fixed; i++) {
            if (types[i] == boolean.class) {
                out[i] = Boolean.FALSE;
            } else if (types[i] == char.class) {
                out[i] = '\0';
            } else if (types[i].isPrimitive()) {
                out[i] = 0L;
            }
        }
        return out;
    }

    private Object convert(int index, String name, Object value, Class<?> type) {
        try {
            return LuaValues.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new ServiceException("parameter " + (index + 1) + " (" + name + "): " + e.getMessage()
                    + "; call it as " + usage);
        }
    }

    private static String plural(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }
}

package io.skynetspring.core.service;

/**
 * Makes a message cross from one service to another (docs/runtime.md, "Message isolation"):
 * immutable values pass as they are, mutable collections, arrays and records are copied deeply,
 * anything else is refused. A message of immutable values allocates nothing and costs one
 * {@link ClassValue} lookup per argument.
 */
final class MessageCopy {

    /** As lua-seri's: a deeper message is refused, which also ends a copy of a structure that contains itself. */
    static final int MAX_DEPTH = 32;

    /** What a refused message would tell the sender to do. */
    static final String FIX = "; make it immutable (a record of immutable values, or final fields of immutable types),"
            + " mark its class @Shareable if it is safe to share between threads, or let the service share messages"
            + " as they are (@SkynetService(isolation = SHARE), ServiceTemplate.with(Isolation.SHARE, ...), or"
            + " skynet.isolation=share for the node)";

    private MessageCopy() {
    }

    /** {@code args} itself when every argument may pass as it is, else a new array of copies. */
    static Object[] args(Object[] args) {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a != null && !passesAsIs(a.getClass())) {
                return copyFrom(args, i);
            }
        }
        return args;
    }

    private static boolean passesAsIs(Class<?> c) {
        // the commonest arguments are decided before the ClassValue lookup
        return c == String.class || c == Integer.class || c == Long.class || Crossing.of(c) == Crossing.AS_IS;
    }

    private static Object[] copyFrom(Object[] args, int first) {
        Object[] out = args.clone();
        for (int i = first; i < out.length; i++) {
            try {
                out[i] = value(out[i], 1);
            } catch (Refusal r) {
                throw r.at("argument " + (i + 1));
            }
        }
        return out;
    }

    /** A reply as its caller receives it. */
    static Object reply(Object value) {
        return value(value, 1);
    }

    /** {@code value} as it crosses, at nesting level {@code depth}. */
    static Object value(Object value, int depth) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (type == String.class || type == Integer.class || type == Long.class) {
            return value;
        }
        Crossing c = Crossing.of(type);
        if (c == Crossing.AS_IS) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            throw new Refusal("it nests deeper than " + MAX_DEPTH + " levels (does it contain itself?)");
        }
        return c.copy(value, depth);
    }

    /** Whether every element may pass as it is. */
    static boolean allAsIs(Iterable<?> values) {
        for (Object v : values) {
            if (v != null && !passesAsIs(v.getClass())) {
                return false;
            }
        }
        return true;
    }

    /** A value that may not cross; its message says what and where. Cheap: no stack trace. */
    static final class Refusal extends RuntimeException {

        Refusal(String what) {
            super(what, null, false, false);
        }

        /** The same refusal, saying where in the message it happened: "argument 2: ...". */
        Refusal at(String where) {
            return new Refusal(where + ": " + getMessage());
        }
    }
}

package io.skynetspring.core.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * What crossing from one service to another does to the instances of one class: pass them as they
 * are, copy them, or refuse them. Decided once per class and kept in a {@link ClassValue}, so a
 * message of immutable values costs one lookup per argument.
 */
abstract class Crossing {

    /** Immutable (or {@link Shareable}): passed as it is. */
    static final Crossing AS_IS = new Crossing() {
        @Override
        Object copy(Object value, int depth) {
            return value;
        }
    };

    private static final ClassValue<Crossing> BY_CLASS = new ClassValue<>() {
        @Override
        protected Crossing computeValue(Class<?> type) {
            return decide(type);
        }
    };

    static Crossing of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** A copy of {@code value} that shares nothing mutable with it; {@code depth} is its nesting level. */
    abstract Object copy(Object value, int depth);

    private static Crossing decide(Class<?> type) {
        if (ImmutableTypes.isImmutable(type)) {
            return AS_IS;
        }
        if (type.isArray()) {
            return type.getComponentType().isPrimitive() ? ArrayCopy.PRIMITIVES : ArrayCopy.OBJECTS;
        }
        if (List.class.isAssignableFrom(type)) {
            return CollectionCopy.list(type);
        }
        if (Set.class.isAssignableFrom(type)) {
            return CollectionCopy.set(type);
        }
        if (Map.class.isAssignableFrom(type)) {
            return MapCopy.of(type);
        }
        if (Queue.class.isAssignableFrom(type) && type.getPackageName().equals("java.util.concurrent")) {
            return new Refused("a concurrent queue, a channel between threads rather than a value");
        }
        if (Collection.class.isAssignableFrom(type)) {
            return CollectionCopy.other(type);
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        if (type.isRecord()) {
            return RecordCopy.of(type);
        }
        return Refused.MUTABLE;
    }

    private static final Crossing OPTIONAL = new Crossing() {
        @Override
        Object copy(Object value, int depth) {
            Optional<?> o = (Optional<?>) value;
            if (o.isEmpty()) {
                return o;
            }
            Object inner = MessageCopy.value(o.get(), depth + 1);
            return inner == o.get() ? o : Optional.of(inner);
        }
    };

    /** Classes that cannot cross: the message is refused, naming the class. */
    static final class Refused extends Crossing {

        static final Refused MUTABLE = new Refused("a mutable class the runtime cannot copy");

        private final String why;

        Refused(String why) {
            this.why = why;
        }

        @Override
        Object copy(Object value, int depth) {
            throw new MessageCopy.Refusal(value.getClass().getName() + " is " + why);
        }
    }
}

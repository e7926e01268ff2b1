package io.skynetspring.core.snax;

import io.skynetspring.core.service.ServiceContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * The default {@link SnaxInstantiator}: the constructor with the most parameters among those that
 * take only a {@link ServiceContext} and a {@link Snax}, in any order, or none.
 */
final class Constructors implements SnaxInstantiator {

    private final Snax snax;

    Constructors(Snax snax) {
        this.snax = snax;
    }

    /** The constructor chosen for each class, made accessible once. */
    private static final ClassValue<Constructor<?>> CHOSEN = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            Constructor<?> c = constructor(type);
            c.setAccessible(true);
            return c;
        }
    };

    /** Chooses {@code type}'s constructor now, if it has a usable one, so that a swap finds it chosen. */
    static void prepare(Class<?> type) {
        try {
            CHOSEN.get(type);
        } catch (IllegalArgumentException none) {
            // an instantiator of the application's makes it; the default one reports this when asked
        }
    }

    @Override
    public Object create(Class<?> type, ServiceContext ctx) throws Exception {
        Constructor<?> best = CHOSEN.get(type);
        Class<?>[] types = best.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = types[i] == Snax.class ? snax : ctx;
        }
        try {
            return best.newInstance(args);
        } catch (InvocationTargetException e) {
            throw SnaxFunction.rethrown(e);
        }
    }

    /** The constructor to call; an {@link IllegalArgumentException} saying what to add if there is none. */
    static Constructor<?> constructor(Class<?> type) {
        Constructor<?> best = null;
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (injectable(c) && (best == null || c.getParameterCount() > best.getParameterCount())) {
                best = c;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(type.getName() + " needs a constructor taking nothing, or a "
                    + "ServiceContext and/or a Snax, for the default instantiator; or register it with a "
                    + "SnaxInstantiator of your own");
        }
        return best;
    }

    private static boolean injectable(Constructor<?> c) {
        for (Class<?> t : c.getParameterTypes()) {
            if (t != ServiceContext.class && t != Snax.class) {
                return false;
            }
        }
        return true;
    }
}

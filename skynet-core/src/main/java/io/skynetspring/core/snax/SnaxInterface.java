package io.skynetspring.core.snax;

import io.skynetspring.core.snax.SnaxMethod.Kind;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The method table of one snax class (skynet's {@code snax.interface}): its {@link Accept} and
 * {@link Response} methods by name and by id, and its {@link Init}, {@link Exit} and {@link Migrate}
 * hooks. Built once per class, so a bad declaration fails at registration, not at the first message.
 */
final class SnaxInterface {

    /** 1 init, 2 exit, 3 hotfix, 4 profile: skynet's system methods; the service's own start at 5. */
    static final int INIT = 1;
    static final int EXIT = 2;
    static final int HOTFIX = 3;
    static final int PROFILE = 4;
    static final int FIRST_ID = 5;
    private static final int MAX_ID = 0xFFFF;

    final Class<?> type;
    /** Ordered by id; a function's index is its position here. */
    private final SnaxFunction[] functions;
    private final Map<String, SnaxFunction> byName;
    private final Map<Integer, SnaxFunction> byId;
    final Method init;
    final Method exit;
    final Method migrate;

    private SnaxInterface(Class<?> type, SnaxFunction[] functions, Method init, Method exit, Method migrate) {
        this.type = type;
        this.functions = functions;
        this.byName = new HashMap<>();
        this.byId = new HashMap<>();
        for (SnaxFunction f : functions) {
            byName.put(f.name, f);
            byId.put(f.id, f);
        }
        this.init = init;
        this.exit = exit;
        this.migrate = migrate;
    }

    /** The table of {@code type}; {@link IllegalArgumentException} naming what is wrong with its declaration. */
    static SnaxInterface of(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isPrimitive() || type.isArray()) {
            throw new IllegalArgumentException(type.getName() + " cannot be a snax service: it must be a concrete class");
        }
        record Declared(String name, Kind kind, int id, Method method) {
        }
        Map<String, Declared> declared = new TreeMap<>();
        Set<String> overridden = new HashSet<>();
        Method init = null;
        Method exit = null;
        Method migrate = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] methods = c.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                Accept accept = m.getAnnotation(Accept.class);
                Response response = m.getAnnotation(Response.class);
                if (accept == null && response == null && !m.isAnnotationPresent(Init.class)
                        && !m.isAnnotationPresent(Exit.class) && !m.isAnnotationPresent(Migrate.class)) {
                    continue;
                }
                if (!overridden.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    continue;   // a subclass declares it too: the subclass's declaration counts
                }
                if (accept != null && response != null) {
                    throw new IllegalArgumentException(where(m) + " is both @Accept and @Response; choose one");
                }
                if (accept != null || response != null) {
                    Kind kind = accept != null ? Kind.ACCEPT : Kind.RESPONSE;
                    String value = accept != null ? accept.value() : response.value();
                    int id = accept != null ? accept.id() : response.id();
                    String name = value.isEmpty() ? m.getName() : value;
                    checkInstanceMethod(m, kind.label());
                    checkName(m, name);
                    if (id != 0 && (id < FIRST_ID || id > MAX_ID)) {
                        throw new IllegalArgumentException(where(m) + " has id " + id + "; ids 1-4 are skynet's "
                                + "(1 init, 2 exit, 3 hotfix, 4 profile): use 5 to " + MAX_ID);
                    }
                    Declared prior = declared.put(name, new Declared(name, kind, id, m));
                    if (prior != null) {
                        throw new IllegalArgumentException(type.getName() + " has two snax methods named '" + name
                                + "' (" + prior.method.getName() + " and " + m.getName() + "); overloads are not "
                                + "supported: give one of them another name with " + kind.label() + "(\"...\")");
                    }
                }
                init = hook(m, Init.class, init);
                exit = hook(m, Exit.class, exit);
                migrate = hook(m, Migrate.class, migrate);
            }
        }
        if (migrate != null && (migrate.getParameterCount() != 1
                || !migrate.getParameterTypes()[0].isAssignableFrom(Map.class))) {
            throw new IllegalArgumentException("@Migrate method " + where(migrate)
                    + " must take one Map<String, Object> (the old instance's fields by name)");
        }
        // explicit ids first; the others, by name, take the free ids from 5 up
        Map<Integer, Declared> ids = new TreeMap<>();
        for (Declared d : declared.values()) {
            if (d.id != 0) {
                Declared prior = ids.put(d.id, d);
                if (prior != null) {
                    throw new IllegalArgumentException(type.getName() + ": methods '" + prior.name + "' and '" + d.name
                            + "' both have id " + d.id);
                }
            }
        }
        int next = FIRST_ID;
        for (Declared d : declared.values()) {
            if (d.id == 0) {
                while (ids.containsKey(next)) {
                    next++;
                }
                ids.put(next, d);
            }
        }
        SnaxFunction[] functions = new SnaxFunction[ids.size()];
        int index = 0;
        for (Map.Entry<Integer, Declared> e : ids.entrySet()) {
            Declared d = e.getValue();
            functions[index] = SnaxFunction.of(e.getKey(), d.name, d.kind, d.method, index);
            index++;
        }
        for (Method m : new Method[] {init, exit, migrate}) {
            if (m != null) {
                m.setAccessible(true);
            }
        }
        return new SnaxInterface(type, functions, init, exit, migrate);
    }

    private static void checkInstanceMethod(Method m, String label) {
        if (Modifier.isStatic(m.getModifiers())) {
            throw new IllegalArgumentException(label + " method " + where(m)
                    + " must not be static: it runs on the service's own instance");
        }
    }

    private static void checkName(Method m, String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw new IllegalArgumentException(where(m) + ": snax method name '" + name
                    + "' must not start with a digit (numbers are method ids)");
        }
    }

    private static Method hook(Method m, Class<? extends Annotation> annotation, Method found) {
        if (!m.isAnnotationPresent(annotation)) {
            return found;
        }
        checkInstanceMethod(m, "@" + annotation.getSimpleName());
        if (found != null) {
            throw new IllegalArgumentException(m.getDeclaringClass().getName() + " has two @"
                    + annotation.getSimpleName() + " methods (" + found.getName() + " and " + m.getName()
                    + "); declare at most one");
        }
        return m;
    }

    static String where(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    /** The function {@code command} names: a method name, or a method id in decimal; null if none. */
    SnaxFunction find(String command) {
        SnaxFunction f = byName.get(command);
        if (f == null && !command.isEmpty() && Character.isDigit(command.charAt(0))) {
            f = byId.get(id(command));
        }
        return f;
    }

    /** {@code command} as a method id, or -1 when it is not a decimal number. */
    static int id(String command) {
        if (command.isEmpty() || command.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    SnaxFunction byName(String name) {
        return byName.get(name);
    }

    int size() {
        return functions.length;
    }

    SnaxFunction at(int index) {
        return functions[index];
    }

    /** The same table with some functions run by a patch. */
    SnaxInterface patched(Map<String, SnaxFunction> replacements) {
        SnaxFunction[] copy = functions.clone();
        for (SnaxFunction f : replacements.values()) {
            copy[f.index] = f;
        }
        return new SnaxInterface(type, copy, init, exit, migrate);
    }

    List<SnaxMethod> describe() {
        List<SnaxMethod> out = new ArrayList<>(functions.length);
        for (SnaxFunction f : functions) {
            out.add(f.describe());
        }
        return Collections.unmodifiableList(out);
    }

    /** The names of its methods, by kind: what every unknown-method error lists. */
    String listing() {
        StringJoiner accept = new StringJoiner(", ", "accept: [", "]");
        StringJoiner response = new StringJoiner(", ", "response: [", "]");
        for (SnaxFunction f : functions) {
            (f.kind == Kind.ACCEPT ? accept : response).add(f.name);
        }
        return accept + ", " + response;
    }
}

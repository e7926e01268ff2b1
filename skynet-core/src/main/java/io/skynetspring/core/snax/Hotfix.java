package io.skynetspring.core.snax;

import io.skynetspring.core.snax.HotfixTicket.PatchMethod;
import io.skynetspring.core.snax.SnaxHandler.Version;
import io.skynetspring.core.snax.SnaxMethod.Kind;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skynet's {@code snax.hotfix} for Java: {@code prepare...} loads the new code off the service's
 * threads; {@link #apply} swaps it in inside the service, between two messages, or leaves the old
 * code running and says why.
 */
final class Hotfix {

    private Hotfix() {
    }

    // ---- off the service: load and check the new code ------------------------------------------

    /** Loads the new version of the running class from {@code path}, child-first for its package. */
    static HotfixTicket prepareClass(SnaxHandler live, Path path) {
        HotfixTicket t = new HotfixTicket();
        Class<?> running = live.version().iface().type;
        String className = running.getName();
        ClassLoader original = live.registration.type().getClassLoader();
        HotfixLoader loader = null;
        try {
            String pkg = running.getPackageName();
            loader = HotfixLoader.over(path, original, name -> HotfixLoader.inPackage(name, pkg));
            Class<?> next;
            try {
                next = Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                next = null;
            }
            if (next == null || !loader.defined(next)) {
                throw new IllegalArgumentException("class " + className + " was not found in " + path
                        + " (expected " + className.replace('.', '/') + ".class there)");
            }
            t.next = SnaxInterface.of(next);
            // reflection data made here, not during the pause: the constructor and fields the swap uses
            Constructors.prepare(next);
            StateTransfer.prepare(next);
            StateTransfer.prepare(running);
            t.loader = loader;
        } catch (IllegalArgumentException e) {
            fail(t, e.getMessage(), e);
            close(loader);
        } catch (LinkageError | RuntimeException e) {
            fail(t, "the new version did not load: " + reason(e), e);
            close(loader);
        }
        return t;
    }

    /** A patch class already loaded. */
    static HotfixTicket preparePatch(Class<?> patch) {
        HotfixTicket t = new HotfixTicket();
        try {
            t.patchMethods = patchMethods(patch);
            t.patch = patch;
            t.loader = patch.getClassLoader();
        } catch (LinkageError | RuntimeException e) {
            fail(t, "the patch " + patch.getName() + " is unusable: " + reason(e), e);
        }
        return t;
    }

    /** The patch class {@code className} from {@code path}, seeing the running version's classes. */
    static HotfixTicket preparePatch(SnaxHandler live, Path path, String className) {
        HotfixLoader loader = null;
        try {
            ClassLoader parent = live.version().instance().getClass().getClassLoader();
            loader = HotfixLoader.over(path, parent,
                    name -> name.equals(className) || name.startsWith(className + "$"));
            Class<?> patch;
            try {
                patch = Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                patch = null;
            }
            if (patch == null || !loader.defined(patch)) {
                throw new IllegalArgumentException("patch class " + className + " was not found in " + path);
            }
            return preparePatch(patch);
        } catch (LinkageError | RuntimeException e) {
            HotfixTicket t = new HotfixTicket();
            fail(t, e instanceof IllegalArgumentException ? e.getMessage() : "the patch did not load: " + reason(e), e);
            close(loader);
            return t;
        }
    }

    private static List<PatchMethod> patchMethods(Class<?> patch) {
        List<PatchMethod> out = new ArrayList<>();
        for (Method m : patch.getDeclaredMethods()) {
            Accept accept = m.getAnnotation(Accept.class);
            Response response = m.getAnnotation(Response.class);
            if (accept == null && response == null) {
                continue;
            }
            Kind kind = accept != null ? Kind.ACCEPT : Kind.RESPONSE;
            String value = accept != null ? accept.value() : response.value();
            String name = value.isEmpty() ? m.getName() : value;
            if (m.getParameterCount() == 0) {
                throw new IllegalArgumentException("patch method " + SnaxInterface.where(m)
                        + " must take the live instance as its first parameter");
            }
            m.setAccessible(true);
            out.add(new PatchMethod(name, kind, m));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(patch.getName() + " has no @Accept or @Response methods to patch with");
        }
        return out;
    }

    private static void fail(HotfixTicket t, String reason, Throwable cause) {
        t.failure = reason;
        t.cause = cause;
    }

    private static void close(HotfixLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // a jar that cannot be closed is only a file handle until the loader is collected
            }
        }
    }

    // ---- in the service: swap ------------------------------------------------------------------

    /** Inside the service: swaps in the ticket's code, or throws a {@link HotfixException} with the old code still in place. */
    static HotfixResult apply(SnaxHandler h, HotfixTicket t) {
        long start = System.nanoTime();
        try {
            if (t.failure != null) {
                throw new IllegalStateException(t.failure, t.cause);
            }
            return t.next != null ? replaceClass(h, t, start) : patch(h, t, start);
        } catch (HotfixException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            if (t.loader instanceof HotfixLoader l && t.next != null) {
                close(l);
            }
            String reason = e instanceof IllegalStateException && e.getMessage() != null ? e.getMessage() : reason(e);
            h.ctx.logger().warn("hotfix of snax service {} failed, the old code keeps running: {}", h.name(), reason);
            throw new HotfixException(h.address, h.name(), reason, e);
        }
    }

    private static HotfixResult replaceClass(SnaxHandler h, HotfixTicket t, long start) throws Exception {
        Version old = h.version();
        SnaxInterface next = t.next;
        List<String> problems = compare(old.iface(), next);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the new version " + String.join("; ", problems));
        }
        Object instance;
        try {
            instance = h.registration.instantiator().create(next.type, h.ctx);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructing the new version failed: " + reason(e.getCause()), e);
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("constructing the new version failed: " + reason(e), e);
        }
        Map<String, Object> state = StateTransfer.fields(old.instance());
        List<String> carried;
        List<String> dropped;
        if (next.migrate != null) {
            try {
                next.migrate.invoke(instance, Collections.unmodifiableMap(state));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("@Migrate " + next.migrate.getName() + " threw "
                        + reason(e.getCause()), e.getCause());
            }
            carried = new ArrayList<>(state.keySet());
            dropped = List.of();
        } else {
            StateTransfer copied = StateTransfer.copy(state, instance);
            carried = copied.carried;
            dropped = copied.dropped;
        }
        h.swap(old.next(next, instance));
        long paused = System.nanoTime() - start;
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < next.size(); i++) {
            methods.add(next.at(i).name);
        }
        HotfixResult r = new HotfixResult(h.address, h.name(), old.instance().getClass().getName(), next.type.getName(),
                HotfixLoader.id(old.instance().getClass().getClassLoader()), HotfixLoader.id(next.type.getClassLoader()),
                methods, carried, dropped, Duration.ofNanos(paused));
        h.ctx.logger().info("hotfix of snax service {}: {} from {} now runs, {} fields carried, paused {} us",
                h.name(), next.type.getName(), r.newLoader(), carried.size(), paused / 1000);
        return r;
    }

    private static HotfixResult patch(SnaxHandler h, HotfixTicket t, long start) throws Exception {
        Version old = h.version();
        SnaxInterface iface = old.iface();
        Class<?> live = old.instance().getClass();
        Object patchObject = null;
        Map<String, SnaxFunction> replaced = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (PatchMethod pm : t.patchMethods) {
            SnaxFunction f = iface.byName(pm.name());
            Method m = pm.method();
            Class<?>[] params = m.getParameterTypes();
            if (f == null) {
                problems.add("patch method '" + pm.name() + "' replaces nothing: snax service " + h.name()
                        + " has no method of that name (" + iface.listing() + ")");
                continue;
            }
            if (f.kind != pm.kind()) {
                problems.add("patch method '" + pm.name() + "' is " + pm.kind().label() + " but the service's is "
                        + f.kind.label());
                continue;
            }
            if (!params[0].isAssignableFrom(live)) {
                problems.add("patch method '" + pm.name() + "' takes a " + params[0].getName() + " (loader "
                        + HotfixLoader.id(params[0].getClassLoader()) + ") first, but the live instance is a "
                        + live.getName() + " (loader " + HotfixLoader.id(live.getClassLoader()) + ")");
                continue;
            }
            String mismatch = parameterMismatch(f, params, 1, m.isVarArgs());
            if (mismatch != null) {
                problems.add("patch method '" + pm.name() + "' " + mismatch);
                continue;
            }
            if (!Modifier.isStatic(m.getModifiers()) && patchObject == null) {
                patchObject = newPatch(t.patch);
            }
            replaced.put(f.name, f.patchedBy(m, patchObject));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        h.swap(new Version(iface.patched(replaced), old.instance(), old.counters()));
        long paused = System.nanoTime() - start;
        HotfixResult r = new HotfixResult(h.address, h.name(), live.getName(), t.patch.getName(),
                HotfixLoader.id(live.getClassLoader()), HotfixLoader.id(t.patch.getClassLoader()),
                new ArrayList<>(replaced.keySet()), List.of(), List.of(), Duration.ofNanos(paused));
        h.ctx.logger().info("hotfix of snax service {}: {} patched by {}, paused {} us", h.name(), replaced.keySet(),
                t.patch.getName(), paused / 1000);
        return r;
    }

    private static Object newPatch(Class<?> patch) throws Exception {
        Constructor<?> c;
        try {
            c = patch.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("patch " + patch.getName() + " has instance methods but no constructor "
                    + "without parameters; add one, or make the methods static");
        }
        c.setAccessible(true);
        try {
            return c.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the patch's constructor threw " + reason(e.getCause()), e.getCause());
        }
    }

    /**
     * What the new version lost or changed of the running one's methods: each must keep its name,
     * kind, id and parameter types, and classes in its signature must still be the running ones.
     */
    static List<String> compare(SnaxInterface old, SnaxInterface next) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            SnaxFunction f = old.at(i);
            SnaxFunction n = next.byName(f.name);
            if (n == null) {
                problems.add("has no method '" + f.name + "' (" + f + ")");
                continue;
            }
            if (n.kind != f.kind) {
                problems.add("changes '" + f.name + "' from " + f.kind.label() + " to " + n.kind.label());
                continue;
            }
            String mismatch = parameterMismatch(f, n.method.getParameterTypes(), 0, n.method.isVarArgs());
            if (mismatch != null) {
                problems.add("changes '" + f.name + "': " + mismatch);
                continue;
            }
            Class<?> was = f.method.getReturnType();
            Class<?> now = n.method.getReturnType();
            if (!f.patched() && was != now && was.getName().equals(now.getName())) {
                problems.add("'" + f.name + "' returns " + now.getName() + reloaded(now));
                continue;
            }
            if (n.id != f.id) {
                problems.add("moves '" + f.name + "' from id " + f.id + " to " + n.id + " (Lua callers send ids): give it "
                        + "an explicit id, " + f.kind.label() + "(id = " + f.id + ")");
            }
        }
        return problems;
    }

    /** How {@code params} (from {@code skip} on) differ from {@code f}'s parameters, or null when they match. */
    private static String parameterMismatch(SnaxFunction f, Class<?>[] params, int skip, boolean varargs) {
        int n = params.length - skip;
        if (n != f.arguments.count() || varargs != f.arguments.varargs()) {
            return "takes " + n + " parameter" + (n == 1 ? "" : "s") + (varargs ? " (varargs)" : "") + " where "
                    + f.arguments.usage() + " takes " + f.arguments.count();
        }
        for (int i = 0; i < n; i++) {
            Class<?> was = f.arguments.type(i);
            Class<?> now = params[i + skip];
            if (was == now) {
                continue;
            }
            if (!was.getName().equals(now.getName())) {
                return "parameter " + (i + 1) + " is " + now.getName() + " where " + f.arguments.usage() + " takes "
                        + was.getName();
            }
            return "parameter " + (i + 1) + " is " + now.getName() + reloaded(now);
        }
        return null;
    }

    private static String reloaded(Class<?> type) {
        return ", loaded again by the hotfix (" + HotfixLoader.id(type.getClassLoader()) + "): callers hold the "
                + "running version's " + type.getSimpleName() + ", whose values would not fit; leave "
                + type.getName().replace('.', '/') + ".class out of the hotfix path so it comes from the running version";
    }

    private static String reason(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.snax.SnaxMethod.Kind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * One running snax service: skynet's {@code snaxd}. It dispatches messages by method name or id to
 * the current version of the instance, counts each method's calls and time, and swaps versions on a
 * hotfix, which arrives as a message of its own (id 3), so it runs between two others.
 */
final class SnaxHandler implements ServiceHandler {

    /** What the service runs now: its method table, the instance and each method's counters (by index). */
    record Version(SnaxInterface iface, Object instance, MethodCounters[] counters) {

        /** {@code next}'s counters: those of methods that keep their name carry on counting. */
        Version next(SnaxInterface next, Object nextInstance) {
            Map<String, MethodCounters> byName = new HashMap<>();
            for (int i = 0; i < iface.size(); i++) {
                byName.put(iface.at(i).name, counters[i]);
            }
            MethodCounters[] carried = new MethodCounters[next.size()];
            for (int i = 0; i < next.size(); i++) {
                MethodCounters c = byName.get(next.at(i).name);
                carried[i] = c != null ? c : new MethodCounters();
            }
            return new Version(next, nextInstance, carried);
        }

        static Version first(SnaxInterface iface, Object instance) {
            MethodCounters[] counters = new MethodCounters[iface.size()];
            for (int i = 0; i < counters.length; i++) {
                counters[i] = new MethodCounters();
            }
            return new Version(iface, instance, counters);
        }
    }

    final SnaxRegistry.Registration registration;
    final ServiceContext ctx;
    final Address address;
    private final SnaxRegistry registry;
    /** Written only in the drain; read by callers' checks and profile readers on any thread. */
    private volatile Version version;
    private boolean exited;

    SnaxHandler(SnaxRegistry registry, SnaxRegistry.Registration registration, ServiceContext ctx, Object instance) {
        this.registry = registry;
        this.registration = registration;
        this.ctx = ctx;
        this.address = ctx.self();
        this.version = Version.first(registration.iface(), instance);
    }

    String name() {
        return registration.name();
    }

    Version version() {
        return version;
    }

    /** In the drain: from now on messages run {@code next}. */
    void swap(Version next) {
        version = next;
    }

    @Override
    public Object init(Object[] args) throws Exception {
        Method init = version.iface().init;
        return init == null ? null : invokeHook(init, "init", args);
    }

    @Override
    public Object dispatch(String command, Object[] args) throws Exception {
        Version v = version;
        SnaxFunction f = v.iface().find(command);
        if (f == null) {
            return system(command, args, v);
        }
        if (f.kind == Kind.ACCEPT ? ctx.session() != 0 : ctx.session() == 0) {
            return wrongKind(f, v);
        }
        MethodCounters counters = v.counters()[f.index];
        long start = System.nanoTime();
        try {
            return f.invoke(v.instance(), args);
        } finally {
            counters.record(System.nanoTime() - start);
        }
    }

    /** skynet's system methods 1-4, or an unknown method. */
    private Object system(String command, Object[] args, Version v) throws Exception {
        switch (SnaxInterface.id(command)) {
            case SnaxInterface.INIT -> throw new ServiceException("init (method 1) runs once, when the service "
                    + "starts; it cannot be called");
            case SnaxInterface.EXIT -> {
                runExit(args);
                ctx.exit();
                return null;
            }
            case SnaxInterface.HOTFIX -> {
                if (args.length == 1 && args[0] instanceof HotfixTicket ticket) {
                    return Hotfix.apply(this, ticket);
                }
                throw new ServiceException("hotfix (method 3) takes code prepared on this node by Snax.hotfix; "
                        + "a remote caller cannot send code to a Java service");
            }
            case SnaxInterface.PROFILE -> {
                return profile();
            }
            default -> {
                String reason = "snax service " + name() + " has no method '" + command + "'; "
                        + v.iface().listing();
                if (ctx.session() == 0) {
                    ctx.incidents().warn("snax.unknown", address, "post from {} dropped: {}", ctx.source(), reason);
                    return null;
                }
                throw new ServiceException(reason);
            }
        }
    }

    private Object wrongKind(SnaxFunction f, Version v) {
        String reason = wrongKindReason(name(), f, v.iface());
        if (ctx.session() == 0) {
            ctx.incidents().warn("snax.wrong.kind", address, "post from {} dropped: {}", ctx.source(), reason);
            return null;
        }
        throw new ServiceException(reason);
    }

    static String wrongKindReason(String service, SnaxFunction f, SnaxInterface iface) {
        return f.kind == Kind.ACCEPT
                ? "'" + f.name + "' of snax service " + service + " is an @Accept method (one-way): post it; "
                        + "req reaches the response methods; " + iface.listing()
                : "'" + f.name + "' of snax service " + service + " is a @Response method: req it (a post "
                        + "would drop its reply); post reaches the accept methods; " + iface.listing();
    }

    @Override
    public void exit() throws Exception {
        try {
            runExit(new Object[0]);
        } finally {
            registry.ended(this);
        }
    }

    /** Runs @Exit once; arguments that do not fit fail the kill and leave the service running. */
    private void runExit(Object[] args) throws Exception {
        if (exited) {
            return;
        }
        Method exit = version.iface().exit;
        if (exit == null) {
            exited = true;
            return;
        }
        Object[] bound = new Arguments("exit", exit, 0).bind(Arguments.padded(exit, args));
        exited = true;
        invoke(exit, bound);
    }

    private Object invokeHook(Method hook, String label, Object[] args) throws Exception {
        return invoke(hook, new Arguments(label, hook, 0).bind(args));
    }

    private Object invoke(Method hook, Object[] bound) throws Exception {
        try {
            return hook.invoke(version.instance(), bound);
        } catch (InvocationTargetException e) {
            throw SnaxFunction.rethrown(e);
        }
    }

    /** Each method's counters now, by name, in id order. */
    Map<String, MethodProfile> profile() {
        Version v = version;
        Map<String, MethodProfile> out = new LinkedHashMap<>();
        for (int i = 0; i < v.iface().size(); i++) {
            String name = v.iface().at(i).name;
            out.put(name, v.counters()[i].read(name));
        }
        return Collections.unmodifiableMap(out);
    }
}

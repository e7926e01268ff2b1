package io.skynetspring.core.snax;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's snax state, kept as a node resource: registered snax classes by name and the live snax
 * services by address. A service leaves the table when it exits; one killed (which runs none of its
 * code) is found dead and dropped at the next sweep, which runs whenever the table has doubled, so
 * the table stays within twice the live services (plus a small floor).
 */
final class SnaxRegistry implements AutoCloseable {

    /** A registered snax class: what {@code newService(name)} starts. */
    record Registration(String name, Class<?> type, SnaxInstantiator instantiator, SnaxInterface iface) {
    }

    private static final int SWEEP_FLOOR = 64;

    final SkynetRuntime runtime;
    final Snax snax;
    private final Map<String, Registration> byName = new ConcurrentHashMap<>();
    private final Map<Address, SnaxHandler> live = new ConcurrentHashMap<>();
    private int sweepAt = SWEEP_FLOOR;

    SnaxRegistry(SkynetRuntime runtime) {
        this.runtime = runtime;
        this.snax = new Snax(this);
    }

    /** Registers {@code type} as {@code name}; the same class again is a no-op, another class an error. */
    synchronized Registration register(String name, Class<?> type, SnaxInstantiator instantiator) {
        checkName(name);
        Registration prior = byName.get(name);
        if (prior != null) {
            if (prior.type() == type) {
                return prior;
            }
            throw new IllegalStateException("snax service '" + name + "' is already registered as "
                    + prior.type().getName() + "; " + type.getName() + " needs another name (@SnaxService(\"...\"))");
        }
        String template = Snax.templateOf(name);
        if (runtime.hasTemplate(template)) {
            throw new IllegalStateException("a service template named '" + template + "' is already registered; "
                    + "snax service '" + name + "' needs another name");
        }
        Registration r = new Registration(name, type, instantiator, SnaxInterface.of(type));
        runtime.template(template, new SnaxTemplate(r));
        byName.put(name, r);
        return r;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.charAt(0) == '.' || name.charAt(0) == ':'
                || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("invalid snax service name '" + name
                    + "': it must be non-empty, without spaces, and not start with '.' or ':'");
        }
    }

    Registration registration(String name) {
        return byName.get(name);
    }

    /** The registration of {@code type} under any name, or null. */
    Registration registrationOf(Class<?> type) {
        for (Registration r : byName.values()) {
            if (r.type() == type) {
                return r;
            }
        }
        return null;
    }

    /** The snax service at {@code address} as last seen, dead or alive: for callers' checks, which must be cheap. */
    SnaxHandler find(Address address) {
        return live.get(address);
    }

    /** The registered names, sorted: what an unknown-name error lists. */
    List<String> names() {
        return new ArrayList<>(new TreeSet<>(byName.keySet()));
    }

    /** The live snax service at {@code address}, or null. */
    SnaxHandler live(Address address) {
        SnaxHandler h = live.get(address);
        return h != null && alive(h) ? h : null;
    }

    List<SnaxHandler> liveServices() {
        List<SnaxHandler> out = new ArrayList<>(live.size());
        for (SnaxHandler h : live.values()) {
            if (alive(h)) {
                out.add(h);
            }
        }
        out.sort((a, b) -> a.address.compareTo(b.address));
        return out;
    }

    private boolean alive(SnaxHandler h) {
        return runtime.resolve(h.address.toString()).isPresent();
    }

    private void started(SnaxHandler h) {
        live.put(h.address, h);
        synchronized (this) {
            if (live.size() >= sweepAt) {
                live.values().removeIf(s -> !alive(s));
                sweepAt = Math.max(SWEEP_FLOOR, 2 * live.size());
            }
        }
    }

    /** Entries held now, dead ones not yet swept included. */
    int size() {
        return live.size();
    }

    void ended(SnaxHandler h) {
        live.remove(h.address, h);
    }

    @Override
    public void close() {
        live.clear();
    }

    /** The service template of one snax class: each instance is a {@link SnaxHandler} around a new object. */
    private final class SnaxTemplate implements ServiceTemplate {

        private final Registration registration;

        SnaxTemplate(Registration registration) {
            this.registration = registration;
        }

        @Override
        public ServiceHandler create(ServiceContext ctx) throws Exception {
            Object instance = registration.instantiator().create(registration.type(), ctx);
            if (!registration.type().isInstance(instance)) {
                throw new IllegalStateException("the instantiator of snax service " + registration.name() + " made a "
                        + (instance == null ? "null" : instance.getClass().getName()) + ", not a "
                        + registration.type().getName());
            }
            SnaxHandler h = new SnaxHandler(SnaxRegistry.this, registration, ctx, instance);
            started(h);
            return h;
        }
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.SnaxMethod.Kind;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * skynet's {@code snax} module: starts {@link SnaxService} classes as services, reaches them through
 * {@link SnaxHandle}s or typed interfaces, replaces their code while they run, and profiles their
 * methods. One per runtime; usable inside services too (its {@code Mono}s then complete in the
 * calling service, as {@code call}'s do).
 *
 * <pre>{@code
 * Snax snax = Snax.of(runtime);
 * SnaxHandle login = snax.newService(LoginService.class, "conf").block();
 * LoginApi api = snax.bind(login, LoginApi.class);
 * snax.hotfix(login, Path.of("hotfix/v2")).block();
 * }</pre>
 */
public final class Snax {

    /** Local addresses that forward to snax services on other nodes (bounded by the proxies a node makes). */
    private final java.util.Set<Address> forwarders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final String TEMPLATE_PREFIX = "snax.";
    /** skynet's limit for global names, which {@link #globalService} binds. */
    private static final int GLOBAL_NAME_MAX = 15;

    private final SnaxRegistry registry;
    private final Skynet api;
    private final SnaxInstantiator constructors;

    Snax(SnaxRegistry registry) {
        this.registry = registry;
        this.api = registry.runtime;
        this.constructors = new Constructors(this);
    }

    /** The runtime's snax module, made on first use. */
    public static Snax of(SkynetRuntime runtime) {
        return runtime.resource(SnaxRegistry.class, () -> new SnaxRegistry(runtime)).snax;
    }

    /** The snax name of {@code type}: its {@link SnaxService#value()}, else its simple name with a lower-case first letter. */
    public static String nameOf(Class<?> type) {
        SnaxService s = type.getAnnotation(SnaxService.class);
        if (s != null && !s.value().isEmpty()) {
            return s.value();
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** The service template a snax name runs as ({@code "snax.login"}): what stats and meters are tagged with. */
    public static String templateOf(String name) {
        return TEMPLATE_PREFIX + name;
    }

    /**
     * Registers {@code type} under its snax name with the default instantiator; a bad declaration
     * (two methods of one name, a taken id, a static method) throws {@link IllegalArgumentException}.
     * {@code newService(Class)} registers on first use.
     */
    public Snax register(Class<?> type) {
        return register(nameOf(type), type, constructors);
    }

    /** Registers {@code type} under its snax name; {@code instantiator} makes its instances. */
    public Snax register(Class<?> type, SnaxInstantiator instantiator) {
        return register(nameOf(type), type, instantiator);
    }

    /** Registers {@code type} under {@code name}. */
    public Snax register(String name, Class<?> type, SnaxInstantiator instantiator) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(instantiator, "instantiator");
        if (instantiator == constructors && registry.registration(name) == null) {
            SnaxInterface.of(type);   // a bad declaration is the first thing to hear about
            Constructors.constructor(type);
        }
        registry.register(name, type, instantiator);
        return this;
    }

    /** Whether a snax service is registered under {@code name}. */
    public boolean isRegistered(String name) {
        return registry.registration(name) != null;
    }

    /**
     * The interface of the registered snax service {@code name}, ordered by id: what a Lua caller's
     * stub must list, in this order, for its {@code pack(id, args...)} to reach the right method.
     */
    public List<SnaxMethod> methods(String name) {
        return registered(name).iface().describe();
    }

    /** The interface of the running service {@code handle}: after a hotfix, the new version's. */
    public List<SnaxMethod> methods(SnaxHandle handle) {
        SnaxHandler live = registry.live(handle.address());
        return live != null ? live.version().iface().describe() : methods(handle.name());
    }

    private SnaxRegistry.Registration registered(String name) {
        SnaxRegistry.Registration r = registry.registration(name);
        if (r == null) {
            throw new IllegalArgumentException(unknownName(name));
        }
        return r;
    }

    private String unknownName(String name) {
        return "no snax service named '" + name + "' (registered: " + registry.names()
                + "); register its class first: snax.register(YourService.class)";
    }

    /** Starts a new instance ({@code snax.newservice}); completes once its {@link Init} has. */
    public Mono<SnaxHandle> newService(Class<?> type, Object... args) {
        return Mono.defer(() -> newService(nameRegistered(type), args));
    }

    public Mono<SnaxHandle> newService(String name, Object... args) {
        return starting(name, "newService", () -> api.newService(templateOf(name), args));
    }

    /** The node's single instance of the service ({@code snax.uniqueservice}): the first caller starts it. */
    public Mono<SnaxHandle> uniqueService(Class<?> type, Object... args) {
        return Mono.defer(() -> uniqueService(nameRegistered(type), args));
    }

    public Mono<SnaxHandle> uniqueService(String name, Object... args) {
        return starting(name, "uniqueService", () -> api.uniqueService(templateOf(name), args));
    }

    /** The unique service {@code name}; waits until someone has started it ({@code snax.queryservice}). */
    public Mono<SnaxHandle> queryService(String name) {
        return api.queryService(templateOf(name)).map(a -> new SnaxHandle(this, a, name));
    }

    public Mono<SnaxHandle> queryService(Class<?> type) {
        return Mono.defer(() -> queryService(nameRegistered(type)));
    }

    /**
     * The unique service, also bound to the global name {@code name} (at most 15 characters), so
     * name queries from other nodes find it ({@code snax.globalservice}).
     */
    public Mono<SnaxHandle> globalService(Class<?> type, Object... args) {
        return Mono.defer(() -> globalService(nameRegistered(type), args));
    }

    public Mono<SnaxHandle> globalService(String name, Object... args) {
        return Mono.defer(() -> {
            if (name.length() > GLOBAL_NAME_MAX) {
                return Mono.error(new IllegalArgumentException("snax service '" + name + "' cannot be a global "
                        + "service: global names have at most " + GLOBAL_NAME_MAX + " characters; register it "
                        + "under a shorter name"));
            }
            return uniqueService(name, args).map(h -> {
                api.name(name, h.address());
                return h;
            });
        });
    }

    /** The global service {@code name}; waits until someone has started it ({@code snax.queryglobal}). */
    public Mono<SnaxHandle> queryGlobal(String name) {
        return Mono.defer(() -> api.resolve(name)
                .map(a -> Mono.just(new SnaxHandle(this, a, name)))
                .orElseGet(() -> queryService(name)));
    }

    /** The name {@code type} is registered under, registering it with the default instantiator if it is not. */
    private String nameRegistered(Class<?> type) {
        SnaxRegistry.Registration r = registry.registrationOf(type);
        if (r != null) {
            return r.name();
        }
        register(type);
        return nameOf(type);
    }

    private Mono<SnaxHandle> starting(String name, String how, Supplier<Mono<Address>> start) {
        return Mono.defer(() -> {
            if (registry.registration(name) == null) {
                return Mono.error(new ServiceException(null, name, how, unknownName(name), null));
            }
            return start.get().map(a -> new SnaxHandle(this, a, name));
        });
    }

    /** A handle on this node's live snax service at {@code address}; empty if there is none. */
    public Optional<SnaxHandle> handle(Address address) {
        SnaxHandler live = registry.live(address);
        return live == null ? Optional.empty() : Optional.of(new SnaxHandle(this, address, live.name()));
    }

    /**
     * A handle on the snax service {@code name} at {@code address}, wherever it runs (a remote one is
     * reached by the method ids of the local registration of {@code name}, if any).
     */
    public SnaxHandle handle(Address address, String name) {
        return new SnaxHandle(this, Objects.requireNonNull(address, "address"), Objects.requireNonNull(name, "name"));
    }

    /** The calling snax service's own handle ({@code snax.self()}). */
    public SnaxHandle self(ServiceContext ctx) {
        SnaxHandler live = registry.live(ctx.self());
        if (live == null) {
            throw new IllegalStateException("service " + ctx.self() + " (" + ctx.template() + ") is not a snax service");
        }
        return new SnaxHandle(this, ctx.self(), live.name());
    }

    /** Runs the service's {@link Exit} with {@code args}, then ends it ({@code snax.kill}); completes once it ran. */
    public Mono<Void> kill(SnaxHandle handle, Object... args) {
        return system(handle, SnaxInterface.EXIT, args).then();
    }

    /**
     * Calls system method {@code id}. A local service that is not a snax service is refused here: to it,
     * "2" or "4" would be an ordinary command.
     */
    /**
     * A handle on a local address that forwards to a snax service elsewhere (a cluster proxy, from
     * {@code cluster.snax}): {@code post}, {@code req} and {@link #kill} go through it.
     */
    public SnaxHandle forwarded(Address forwarder, String name) {
        forwarders.add(forwarder);
        return handle(forwarder, name);
    }

    private Mono<Object> system(SnaxHandle handle, int id, Object... args) {
        if (handle.address().nodeId() == registry.runtime.settings().nodeId() && registry.find(handle.address()) == null
                && !forwarders.contains(handle.address())
                && registry.runtime.alive(handle.address())) {
            return Mono.error(new ServiceException(handle.address(), handle.name(), Integer.toString(id),
                    "no snax service runs at " + handle.address() + " on this node", null));
        }
        return api.call(handle.address(), Integer.toString(id), args);
    }

    /**
     * A typed proxy: each method of {@code api} calls the service's method of the same name; one
     * returning {@code Mono}/{@code CompletionStage} is a {@code req}, a {@code void} one a {@code post},
     * and one returning a plain value a {@code req} that blocks (refused inside a service or on an event
     * loop). Every method is checked now: a missing method, the wrong kind or other parameters throw
     * {@link SnaxBindException}.
     *
     * <pre>{@code LoginApi api = snax.bind(login, LoginApi.class); api.login("alice", "pw").block();}</pre>
     */
    public <T> T bind(SnaxHandle handle, Class<T> api) {
        SnaxHandler live = registry.live(handle.address());
        SnaxInterface iface;
        if (live != null) {
            iface = live.version().iface();
        } else {
            SnaxRegistry.Registration r = registry.registration(handle.name());
            if (r == null) {
                throw new SnaxBindException("cannot bind " + api.getName() + ": " + handle + " is not running here and "
                        + unknownName(handle.name()));
            }
            iface = r.iface();
        }
        return SnaxProxy.bind(this, handle, api, iface);
    }

    /**
     * Replaces the service's class with the version of the same binary name in {@code classes} (a
     * class folder or a jar), loaded by a fresh class loader. The swap runs in the service between two
     * messages; later messages go to the new code. Fails with {@link HotfixException}, the old code
     * still running, when the class is not there or does not load, its {@link Migrate} throws, or a
     * method of the old version is missing or changed.
     */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Path classes) {
        Objects.requireNonNull(classes, "classes");
        return hotfix(handle, live -> Hotfix.prepareClass(live, classes));
    }

    /**
     * Replaces single methods: each {@link Accept}/{@link Response} method of {@code patch} replaces the
     * service's method of that name and kind; its first parameter receives the live instance, the rest
     * are the method's own. Static methods, or instance methods of a patch with a no-argument constructor.
     *
     * <pre>{@code public static int add(Counter self, int n) { return self.total += 2 * n; }}</pre>
     */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Class<?> patch) {
        Objects.requireNonNull(patch, "patch");
        return hotfix(handle, live -> Hotfix.preparePatch(patch));
    }

    /** {@link #hotfix(SnaxHandle, Class)} with the patch class {@code patchClass} loaded from {@code classes}. */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Path classes, String patchClass) {
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(patchClass, "patchClass");
        return hotfix(handle, live -> Hotfix.preparePatch(live, classes, patchClass));
    }

    /**
     * Loads the code off the service's threads, then sends it as method 3, so the swap queues behind
     * the messages already sent and ahead of later ones. The call is made here, so its reply (the result,
     * or why it failed) arrives where a call made here would: inside the calling service, if any.
     */
    private Mono<HotfixResult> hotfix(SnaxHandle handle, Function<SnaxHandler, HotfixTicket> prepare) {
        SnaxHandler live = registry.live(handle.address());
        if (live == null) {
            return Mono.error(new HotfixException(handle.address(), handle.name(), "no snax service runs at "
                    + handle.address() + " on this node", null));
        }
        HotfixTicket ticket = new HotfixTicket();
        Mono<Object> swap = api.call(handle.address(), Integer.toString(SnaxInterface.HOTFIX), ticket);
        return Mono.fromRunnable(() -> {
                    HotfixTicket prepared = prepare.apply(live);
                    ticket.next = prepared.next;
                    ticket.patch = prepared.patch;
                    ticket.patchMethods = prepared.patchMethods;
                    ticket.loader = prepared.loader;
                    ticket.cause = prepared.cause;
                    ticket.failure = prepared.failure;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then(swap)
                .map(HotfixResult.class::cast);
    }

    /** The service's method profiles in id order, read inside the service (method id 4). */
    @SuppressWarnings("unchecked")
    public Mono<Map<String, MethodProfile>> profile(SnaxHandle handle) {
        return system(handle, SnaxInterface.PROFILE).map(v -> (Map<String, MethodProfile>) v);
    }

    /** Every live snax service's method profiles, read without messaging them: for meters. */
    public List<SnaxProfile> profiles() {
        List<SnaxProfile> out = new ArrayList<>();
        for (SnaxHandler h : registry.liveServices()) {
            out.add(new SnaxProfile(h.address, h.name(), h.profile()));
        }
        return out;
    }

    // ---- what handles do --------------------------------------------------------------------------

    boolean post(SnaxHandle handle, String method, Object[] args) {
        String refusal = refusal(handle, method, Kind.ACCEPT);
        if (refusal != null) {
            throw new IllegalArgumentException("post to " + handle + " refused: " + refusal);
        }
        return api.send(handle.address(), method, args);
    }

    Mono<Object> req(SnaxHandle handle, String method, Object[] args) {
        // the service checks the method and its kind itself and answers with the same reason, so a req
        // is not looked up twice (that lookup was a tenth of a req's cost)
        String refusal = method == null ? "the method name is null" : null;
        if (refusal != null) {
            return Mono.error(new ServiceException(handle.address(), handle.name(), method, refusal, null));
        }
        return api.call(handle.address(), method, args);
    }

    <T> Mono<T> req(SnaxHandle handle, String method, Class<T> type, Object[] args) {
        String refusal = method == null ? "the method name is null" : null;
        if (refusal != null) {
            return Mono.error(new ServiceException(handle.address(), handle.name(), method, refusal, null));
        }
        return api.call(handle.address(), method, type, args);
    }

    /**
     * Why {@code method} cannot be reached as {@code kind} on a local snax service, or null. A service on
     * another node (or not a snax service) is left to answer for itself.
     */
    private String refusal(SnaxHandle handle, String method, Kind kind) {
        if (method == null) {
            return "the method name is null";
        }
        SnaxHandler live = registry.find(handle.address());
        if (live == null) {
            return null;
        }
        SnaxInterface iface = live.version().iface();
        SnaxFunction f = iface.find(method);
        if (f == null) {
            int id = SnaxInterface.id(method);
            if (id >= SnaxInterface.INIT && id <= SnaxInterface.PROFILE) {
                return null;   // skynet's system methods answer for themselves
            }
            return "snax service " + live.name() + " has no method '" + method + "'; " + iface.listing();
        }
        return f.kind == kind ? null : SnaxHandler.wrongKindReason(live.name(), f, iface);
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    Snax() {
    }

    /** The runtime's snax module, made on first use. */
    public static Snax of(SkynetRuntime runtime) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The snax name of {@code type}: its {@link SnaxService#value()}, else its simple name with a lower-case first letter. */
    public static String nameOf(Class<?> type) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Registers {@code type} under its snax name with the default instantiator; a bad declaration
     * (two methods of one name, a taken id, a static method) throws {@link IllegalArgumentException}.
     * {@code newService(Class)} registers on first use.
     */
    public Snax register(Class<?> type) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Registers {@code type} under its snax name; {@code instantiator} makes its instances. */
    public Snax register(Class<?> type, SnaxInstantiator instantiator) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Registers {@code type} under {@code name}. */
    public Snax register(String name, Class<?> type, SnaxInstantiator instantiator) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Whether a snax service is registered under {@code name}. */
    public boolean isRegistered(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The service template a snax name runs as ({@code "snax.login"}): what stats and meters are tagged with. */
    public static String templateOf(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The interface of the registered snax service {@code name}, ordered by id: what a Lua caller's
     * stub must list, in this order, for its {@code pack(id, args...)} to reach the right method.
     */
    public List<SnaxMethod> methods(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The interface of the running service {@code handle}: after a hotfix, the new version's. */
    public List<SnaxMethod> methods(SnaxHandle handle) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Starts a new instance ({@code snax.newservice}); completes once its {@link Init} has. */
    public Mono<SnaxHandle> newService(Class<?> type, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Mono<SnaxHandle> newService(String name, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The node's single instance of the service ({@code snax.uniqueservice}): the first caller starts it. */
    public Mono<SnaxHandle> uniqueService(Class<?> type, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Mono<SnaxHandle> uniqueService(String name, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The unique service {@code name}; waits until someone has started it ({@code snax.queryservice}). */
    public Mono<SnaxHandle> queryService(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Mono<SnaxHandle> queryService(Class<?> type) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The unique service, also bound to the global name {@code name} (at most 15 characters), so
     * name queries from other nodes find it ({@code snax.globalservice}).
     */
    public Mono<SnaxHandle> globalService(Class<?> type, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Mono<SnaxHandle> globalService(String name, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The global service {@code name}; waits until someone has started it ({@code snax.queryglobal}). */
    public Mono<SnaxHandle> queryGlobal(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** A handle on this node's live snax service at {@code address}; empty if there is none. */
    public Optional<SnaxHandle> handle(Address address) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A handle on the snax service {@code name} at {@code address}, wherever it runs (a remote one is
     * reached by the method ids of the local registration of {@code name}, if any).
     */
    public SnaxHandle handle(Address address, String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The calling snax service's own handle ({@code snax.self()}). */
    public SnaxHandle self(ServiceContext ctx) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Runs the service's {@link Exit} with {@code args}, then ends it ({@code snax.kill}); completes once it ran. */
    public Mono<Void> kill(SnaxHandle handle, Object... args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * A typed proxy: each method of {@code api} calls the service's method of the same name; one
     * returning {@code Mono}/{@code CompletionStage} is a {@code req}, a {@code void} one a {@code post},
     * and one returning a plain value a {@code req} that blocks (refused inside a service). Every
     * method is checked now: a missing method, the wrong kind or other parameters throw
     * {@link SnaxBindException}.
     *
     * <pre>{@code LoginApi api = snax.bind(login, LoginApi.class); api.login("alice", "pw").block();}</pre>
     */
    public <T> T bind(SnaxHandle handle, Class<T> api) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Replaces the service's class with the version of the same binary name in {@code classes} (a
     * class folder or a jar), loaded by a fresh class loader. The swap runs in the service between two
     * messages; later messages go to the new code. Fails with {@link HotfixException}, the old code
     * still running, when the class is not there or does not load, its {@link Migrate} throws, or a
     * method of the old version is missing or changed.
     */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Path classes) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Replaces single methods: each {@link Accept}/{@link Response} method of {@code patch} replaces the
     * service's method of that name and kind; its first parameter receives the live instance, the rest
     * are the method's own. Static methods, or instance methods of a patch with a no-argument constructor.
     *
     * <pre>{@code public static int add(Counter self, int n) { return self.total += 2 * n; }}</pre>
     */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Class<?> patch) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@link #hotfix(SnaxHandle, Class)} with the patch class {@code patchClass} loaded from {@code classes}. */
    public Mono<HotfixResult> hotfix(SnaxHandle handle, Path classes, String patchClass) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The service's method profiles, read inside the service (method id 4). */
    public Mono<Map<String, MethodProfile>> profile(SnaxHandle handle) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every live snax service's method profiles, read without messaging them: for meters. */
    public List<SnaxProfile> profiles() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    boolean post(SnaxHandle handle, String method, Object[] args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    Mono<Object> req(SnaxHandle handle, String method, Object[] args) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    <T> Mono<T> req(SnaxHandle handle, String method, Class<T> type, Object[] args) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

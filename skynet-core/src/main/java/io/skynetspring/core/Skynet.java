package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchRequest;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;

/**
 * skynet's {@code skynet.*} API for code outside services (controllers, runners, tests) and inside
 * them. Targets are an {@link Address} or a name: {@code ".local"}, a global name, or
 * {@code ":0000000a"}.
 *
 * <pre>{@code
 * Address calc = skynet.newService("calc").block();
 * long sum = skynet.call(calc, "add", Long.class, 10, 20).block();
 * }</pre>
 *
 * <p>Called from inside a service, every returned {@code Mono} completes on that service's own
 * serial executor; from outside, on a runtime thread that must not be blocked.
 *
 * <p>Arguments and replies cross as copies, as skynet's serialised messages do: immutable values
 * pass as they are, mutable collections, arrays and records are copied deeply, and other mutable
 * classes are refused (docs/runtime.md, "Message isolation"; opt out with {@code Isolation.SHARE}).
 */
public interface Skynet {

    /** Starts a new instance of {@code template}; completes with its address once its init has returned. */
    Mono<Address> newService(String template, Object... args);

    /** The single instance of {@code template}: the first caller starts it, later callers share it. A failed start is remembered. */
    Mono<Address> uniqueService(String template, Object... args);

    /** Address of the unique service {@code template}; waits until someone has started it. */
    Mono<Address> queryService(String template);

    /** Resolves a name ({@code .local}, global, or {@code :0000000a}) to a live service. */
    Optional<Address> resolve(String name);

    /** Binds {@code name} to {@code address}: a {@code .local} name keeps its first binding; a global name must be unique. */
    void name(String name, Address address);

    /**
     * Queues a one-way message; false when the target is unknown, dead or refused it. Never blocks.
     * Throws {@link IllegalArgumentException} for an argument that cannot cross (a mutable class the
     * runtime cannot copy).
     */
    boolean send(Address target, String command, Object... args);

    boolean send(String target, String command, Object... args);

    /** Calls {@code command} on {@code target}; the reply is the handler's return value. */
    Mono<Object> call(Address target, String command, Object... args);

    Mono<Object> call(String target, String command, Object... args);

    /** Calls and converts the reply to {@code type} (numbers convert as Lua numbers do). */
    <T> Mono<T> call(Address target, String command, Class<T> type, Object... args);

    <T> Mono<T> call(String target, String command, Class<T> type, Object... args);

    /** The same API with another default deadline for calls: {@code skynet.withTimeout(Duration.ofMillis(500)).call(...)}. */
    Skynet withTimeout(Duration callTimeout);

    /** {@link #withTimeout(Duration)} in centiseconds, as skynet counts time. */
    default Skynet withTimeout(long centiseconds) {
        return withTimeout(Duration.ofMillis(centiseconds * 10));
    }

    /** Starts a batch of calls whose replies are streamed by {@link BatchRequest#select(Duration)}. */
    BatchRequest request();

    /** Ends another service now: queued requests fail, no more of its code runs. */
    void kill(Address target);

    String getenv(String key);

    /** Adds an env entry; setting a key that exists is an error, as in skynet. */
    void setenv(String key, String value);

    /** Centiseconds since the runtime started (skynet's {@code skynet.now()}). */
    long now();

    /** Seconds since the epoch with centisecond precision: {@code now()/100 + starttime()}. */
    double time();

    /** UTC seconds at which the runtime started. */
    long starttime();
}

package io.skynetspring.core.service;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.incident.IncidentLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What a service sees of the runtime: skynet's API from inside a service. Every {@code Mono} it
 * returns completes on this service's serial executor, so code chained on it may touch the
 * service's state without locks. Time arguments in {@code long} are centiseconds, as in skynet.
 * Call its methods from the service's own handlers and continuations: called from another thread
 * they fail or warn as {@link ThreadCheck} says, except {@code scheduler()}, {@code fork},
 * {@code forkAsync}, {@code self()}, {@code template()}, {@code logger()}, {@code incidents()} and
 * {@code nodeResource}, which any thread may use to hand work to the service.
 *
 * <pre>{@code ctx.sleep(100).then(ctx.call(db, "load", id))   // 1 s later, back in this service}</pre>
 */
public interface ServiceContext extends Skynet {

    /** This service's address. */
    Address self();

    /** The template this service was started from. */
    String template();

    /** Source of the message being handled ({@link Address#NONE} for calls from outside services). */
    Address source();

    /** Session of the message being handled; 0 for a send. */
    int session();

    /** Takes over the reply to the request being handled; must be called while handling it. */
    Responder response();

    /**
     * Forwards the request being handled to {@code target} as {@code command(args)}, keeping its source
     * and session, so {@code target}'s reply goes straight to the original caller (skynet's
     * {@code skynet.redirect}). This service then owes no reply. False when {@code target} is unknown,
     * dead or refused it: the caller's call fails at once with that reason.
     *
     * <pre>{@code @Command public void get(String key) { ctx.redirect(shard(key), "get", key); }}</pre>
     */
    boolean redirect(Address target, String command, Object... args);

    /** Runs {@code task} later in this service, after the current message; any thread may call it. */
    void fork(Runnable task);

    /** Runs the publisher returned by {@code task} later in this service; its errors are logged. */
    void forkAsync(Supplier<? extends Publisher<?>> task);

    /** Completes after {@code centiseconds} (skynet's {@code sleep}). */
    Mono<Void> sleep(long centiseconds);

    Mono<Void> sleep(Duration duration);

    /** Sleeps on {@code token}; completes with true if {@link #wakeup} ended it early ("BREAK"). */
    Mono<Boolean> sleep(Duration duration, Object token);

    /** {@link #sleep(Duration, Object)} in centiseconds. */
    default Mono<Boolean> sleep(long centiseconds, Object token) {
        return sleep(Duration.ofMillis(centiseconds * 10), token);
    }

    /** Runs {@code task} in this service after {@code delay}. */
    Disposable timeout(Duration delay, Runnable task);

    Disposable timeout(long centiseconds, Runnable task);

    /** Completes when {@link #wakeup(Object)} is called with the same token. One waiter per token. */
    Mono<Void> wait(Object token);

    /** Resumes the waiter or sleeper on {@code token} after the current message; false if none. */
    boolean wakeup(Object token);

    /**
     * The service-safe form of Reactor's {@code timeout}: {@code source}'s value, error or a
     * {@link java.util.concurrent.TimeoutException} after {@code limit}, delivered inside this
     * service (Reactor's own operator signals on its {@code parallel} threads). Lazy.
     *
     * <pre>{@code ctx.timeout(conn.readLine(), Duration.ofSeconds(5)).subscribe(line -> lines.add(line));}</pre>
     */
    <T> Mono<T> timeout(Mono<T> source, Duration limit);

    /** {@link #timeout(Mono, Duration)} in centiseconds. */
    default <T> Mono<T> timeout(Mono<T> source, long centiseconds) {
        return timeout(source, Duration.ofMillis(centiseconds * 10));
    }

    /** Lets queued messages run first ({@code sleep(0)}). */
    Mono<Void> yield();

    /**
     * Runs blocking work (JDBC, files) off the worker pool, on Reactor's bounded-elastic threads;
     * the result arrives back in this service.
     */
    <T> Mono<T> blocking(Callable<T> work);

    /**
     * {@link #blocking(Callable)} on the given scheduler: for example one with as many threads as a
     * connection pool has connections, so no thread ever waits for a connection.
     *
     * <pre>{@code return ctx.blocking(jdbcScheduler, () -> store.find(id));}</pre>
     */
    <T> Mono<T> blocking(Scheduler on, Callable<T> work);

    /**
     * Sequential services only: suspends this handler until {@code mono} completes and returns its
     * value (null when empty), or throws its error as {@code block()} would. Meanwhile the service
     * handles other messages, so its state may have changed when this returns (skynet's coroutines).
     *
     * <pre>{@code Player p = ctx.await(ctx.call(db, "load", Player.class, id));
     * ctx.await(ctx.sleep(100));                                   // 1 s
     * String line = ctx.await(conn.readLine());}</pre>
     */
    <T> T await(Mono<T> mono);

    /**
     * Sequential services only: the elements of {@code flux} one by one, this handler suspending
     * until each arrives, as skynet's {@code for req, resp in reqs:select()}. Throws the flux's error.
     *
     * <pre>{@code for (BatchReply r : ctx.awaitEach(req.select(Duration.ofMillis(500)))) { ... }}</pre>
     */
    <T> Iterable<T> awaitEach(Flux<T> flux);

    /** Sequential services only: {@code await(call(target, command, type, args))}. */
    default <T> T callBlocking(Address target, String command, Class<T> type, Object... args) {
        return await(call(target, command, type, args));
    }

    /** Sequential services only: {@code await(call(target, command, type, args))}. */
    default <T> T callBlocking(String target, String command, Class<T> type, Object... args) {
        return await(call(target, command, type, args));
    }

    /** Sequential services only: {@code await(call(target, command, args))}. */
    default Object callBlocking(Address target, String command, Object... args) {
        return await(call(target, command, args));
    }

    /** Sequential services only: {@code await(call(target, command, args))}. */
    default Object callBlocking(String target, String command, Object... args) {
        return await(call(target, command, args));
    }

    /** A Reactor scheduler that runs tasks in this service: {@code publishOn(ctx.scheduler())} brings foreign signals home. */
    Scheduler scheduler();

    /**
     * The node-wide instance of {@code type}, made on first use and closed at runtime shutdown:
     * {@code ctx.nodeResource(SocketDriver.class, () -> SocketDriver.start(options))}.
     */
    <T extends AutoCloseable> T nodeResource(Class<T> type, Supplier<T> factory);

    /** The node's counted, rate-limited warnings, for what a hostile or unlucky peer can repeat without end. */
    IncidentLog incidents();

    /** Registers a name for this service ({@code skynet.register}). */
    void register(String name);

    /** True once the runtime is shutting down: services drain their mailboxes and then exit. */
    boolean isShuttingDown();

    /** Ends this service after the current message; pending callers fail at once. */
    void exit();

    /** skynet's {@code skynet.error}: the parts joined by spaces, logged with this service's address. */
    void log(Object... parts);

    /** An SLF4J logger whose lines carry this service's address and name in the MDC. */
    Logger logger();
}

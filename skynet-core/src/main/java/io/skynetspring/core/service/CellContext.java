package io.skynetspring.core.service;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.incident.IncidentLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import io.skynetspring.core.timer.TimerWheel;
import java.util.function.Supplier;

/** {@link ServiceContext} of one service: every continuation it hands out runs in that service. */
final class CellContext extends SkynetView implements ServiceContext {

    private final ServiceCell cell;
    /** Made on first use, as most services never ask: a node may hold millions of contexts. */
    private Scheduler scheduler;
    private Logger logger;

    CellContext(ServiceCell cell) {
        this(cell, cell.node.settings.callTimeout());
    }

    private CellContext(ServiceCell cell, Duration callTimeout) {
        super(cell.node, callTimeout);
        this.cell = cell;
    }

    @Override
    ServiceCell callerCell() {
        onOwnThread("call/newService");
        return cell;
    }

    @Override
    ServiceCell senderCell() {
        return cell;
    }

    /** Fails or warns, as the node's {@link ThreadCheck} says, unless called inside this service's drain. */
    private void onOwnThread(String method) {
        if (ServiceCell.current(cell.node) != cell) {
            foreignThread(method, true);
        }
    }

    private void foreignThread(String method, boolean mayFail) {
        ThreadCheck check = cell.node.settings.threadCheck();
        if (check == ThreadCheck.OFF) {
            return;
        }
        IllegalStateException e = new IllegalStateException("ctx." + method + " called on thread '"
                + Thread.currentThread().getName() + "', outside service " + cell.address + " ("
                + cell.displayName() + "): code chained after a foreign publisher (Reactor's timeout or delay "
                + "operators, a client library's reply) runs on that publisher's thread, where touching the "
                + "service's state races with its handlers. Bring the signal home first with "
                + ".publishOn(ctx.scheduler()), or use ctx.timeout(mono, duration) instead of Mono.timeout");
        cell.node.incidents().log(cell.node.log, Level.WARN, "service.foreign.thread", cell.address, "{}",
                e.getMessage(), e);
        if (mayFail && check == ThreadCheck.FAIL) {
            throw e;
        }
    }

    @Override
    public Skynet withTimeout(Duration timeout) {
        return new CellContext(cell, positive(timeout));
    }

    @Override
    public Address self() {
        return cell.address;
    }

    @Override
    public String template() {
        return cell.templateName;
    }

    @Override
    public Address source() {
        onOwnThread("source");
        Message m = cell.current;
        return m == null ? Address.NONE : m.sourceAddress();
    }

    @Override
    public int session() {
        onOwnThread("session");
        Message m = cell.current;
        return m == null ? 0 : m.session;
    }

    @Override
    public Responder response() {
        onOwnThread("response");
        return cell.response();
    }

    @Override
    public boolean redirect(Address target, String command, Object... args) {
        onOwnThread("redirect");
        return cell.redirect(target, command, args);
    }

    @Override
    public void fork(Runnable task) {
        cell.postTask(inStrand(task));
    }

    /** In a sequential service a forked task or timer callback may suspend, so it runs on a strand. */
    private Runnable inStrand(Runnable task) {
        if (!cell.sequential) {
            return task;
        }
        return () -> {
            SequentialHandler h = cell.sequentialHandler();
            if (h == null) {
                task.run();
            } else {
                h.fork(task);
            }
        };
    }

    @Override
    public <T> T await(Mono<T> mono) {
        return Strand.running(cell, "await").await(Objects.requireNonNull(mono, "mono"));
    }

    @Override
    public <T> Iterable<T> awaitEach(Flux<T> flux) {
        return Strand.running(cell, "awaitEach").each(Objects.requireNonNull(flux, "flux"));
    }

    @Override
    public void forkAsync(Supplier<? extends Publisher<?>> task) {
        cell.postTask(() -> Mono.from(task.get()).subscribe(v -> { },
                e -> cell.logTaskError("a forked task", e)));
    }

    @Override
    public Mono<Void> sleep(long centiseconds) {
        return sleep(Duration.ofMillis(centiseconds * 10));
    }

    @Override
    public Mono<Void> sleep(Duration duration) {
        onOwnThread("sleep");
        return pause(duration);
    }

    /** A sleep that any thread may start: it only arms the timer, whose task comes home. */
    private Mono<Void> pause(Duration duration) {
        return Mono.defer(() -> {
            Waiter w = new Waiter();
            w.timer = cell.node.schedule(cell, duration, () -> w.resume(false));
            return w.sink.asMono().doOnCancel(w::cancel);
        }).then();
    }

    @Override
    public Mono<Boolean> sleep(Duration duration, Object token) {
        onOwnThread("sleep");
        return Mono.defer(() -> {
            Waiter w = park(token);
            w.timer = cell.node.schedule(cell, duration, () -> {
                if (cell.waiters().remove(token, w)) {
                    w.resume(false);
                }
            });
            return w.sink.asMono().doOnCancel(() -> unpark(token, w));
        });
    }

    @Override
    public Disposable timeout(Duration delay, Runnable task) {
        onOwnThread("timeout");
        TimerWheel.Alarm f = cell.node.schedule(cell, delay, inStrand(task));
        return new Disposable() {
            @Override
            public void dispose() {
                f.cancel();
            }

            @Override
            public boolean isDisposed() {
                return f.isDone();
            }
        };
    }

    @Override
    public Disposable timeout(long centiseconds, Runnable task) {
        return timeout(Duration.ofMillis(centiseconds * 10), task);
    }

    @Override
    public Mono<Void> wait(Object token) {
        onOwnThread("wait");
        return Mono.defer(() -> {
            Waiter w = park(token);
            return w.sink.asMono().doOnCancel(() -> unpark(token, w));
        }).then();
    }

    private Waiter park(Object token) {
        if (token == null) {
            throw new IllegalArgumentException("wait/sleep token must not be null");
        }
        Waiter w = new Waiter();
        if (cell.waiters().putIfAbsent(token, w) != null) {
            throw new IllegalStateException("another task already waits on token " + token + " in service "
                    + cell.address);
        }
        return w;
    }

    private void unpark(Object token, Waiter w) {
        if (cell.waiters().remove(token, w)) {
            w.cancel();
        }
    }

    @Override
    public boolean wakeup(Object token) {
        onOwnThread("wakeup");
        Waiter w = token == null ? null : cell.waiters().remove(token);
        if (w == null) {
            return false;
        }
        w.cancel();
        cell.postTask(() -> w.resume(true));
        return true;
    }

    @Override
    public Mono<Void> yield() {
        onOwnThread("yield");
        return Mono.<Void>create(sink -> cell.postTask(sink::success));
    }

    @Override
    public <T> Mono<T> blocking(Callable<T> work) {
        onOwnThread("blocking");
        return new BlockingWork<>(work, Schedulers.boundedElastic(), scheduler());
    }

    @Override
    public <T> Mono<T> blocking(Scheduler on, Callable<T> work) {
        onOwnThread("blocking");
        return new BlockingWork<>(work, Objects.requireNonNull(on, "scheduler"), scheduler());
    }

    @Override
    public <T> Mono<T> timeout(Mono<T> source, Duration limit) {
        if (limit == null || limit.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + limit);
        }
        Scheduler home = scheduler();
        return Mono.defer(() -> source.timeout(pause(limit), Mono.error(() -> new TimeoutException("no value within "
                + limit.toMillis() + " ms (in service " + cell.address + ")"))).publishOn(home));
    }

    @Override
    public Scheduler scheduler() {
        // a race makes two equal schedulers, one of them dropped: harmless, so no lock
        Scheduler s = scheduler;
        if (s == null) {
            scheduler = s = Schedulers.fromExecutor(cell::postTask);
        }
        return s;
    }

    @Override
    public <T extends AutoCloseable> T nodeResource(Class<T> type, Supplier<T> factory) {
        return cell.node.resource(type, factory);
    }

    @Override
    public IncidentLog incidents() {
        return cell.node.incidents();
    }

    @Override
    public void register(String name) {
        onOwnThread("register");
        cell.node.name(name, cell);
    }

    @Override
    public boolean isShuttingDown() {
        return cell.node.isClosing();
    }

    @Override
    public void exit() {
        if (ServiceCell.current(cell.node) == cell) {
            cell.requestExit();
        } else {
            cell.post(Message.exit());
        }
    }

    @Override
    public void log(Object... parts) {
        if (ServiceCell.current(cell.node) != cell) {
            foreignThread("log", false);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(parts[i]);
        }
        logger().info("[{}] {}", cell.address, sb);
    }

    @Override
    public Logger logger() {
        Logger l = logger;
        if (l == null) {
            logger = l = LoggerFactory.getLogger("skynet.service." + cell.templateName);
        }
        return l;
    }
}

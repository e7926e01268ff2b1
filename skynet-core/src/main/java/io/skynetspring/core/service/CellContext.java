package io.skynetspring.core.service;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.incident.IncidentLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
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
        return cell;
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
        Message m = cell.current;
        return m == null ? Address.NONE : m.sourceAddress();
    }

    @Override
    public int session() {
        Message m = cell.current;
        return m == null ? 0 : m.session;
    }

    @Override
    public Responder response() {
        return cell.response();
    }

    @Override
    public void fork(Runnable task) {
        cell.postTask(task);
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
        return Mono.defer(() -> {
            Waiter w = new Waiter();
            w.timer = cell.node.schedule(cell, duration, () -> w.resume(false));
            return w.sink.asMono().doOnCancel(w::cancel);
        }).then();
    }

    @Override
    public Mono<Boolean> sleep(Duration duration, Object token) {
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
        TimerWheel.Alarm f = cell.node.schedule(cell, delay, task);
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
        return Mono.<Void>create(sink -> cell.postTask(sink::success));
    }

    @Override
    public <T> Mono<T> blocking(Callable<T> work) {
        return new BlockingWork<>(work, Schedulers.boundedElastic(), scheduler());
    }

    @Override
    public <T> Mono<T> blocking(Scheduler on, Callable<T> work) {
        return new BlockingWork<>(work, Objects.requireNonNull(on, "scheduler"), scheduler());
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
        cell.node.name(name, cell);
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

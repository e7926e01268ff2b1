package io.skynetspring.core.socket;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node-wide half of skynet's socket layer: the event loops doing the I/O, the table of open
 * sockets with their node-local ids, and the services using them.
 *
 * <p>{@link Sockets#of(ServiceContext)} uses one driver per runtime, made on first use and closed
 * once no live service uses it (so it ends with its runtime). A driver made with
 * {@link #start(SocketOptions)} is the caller's to {@link #close()}.
 *
 * <pre>{@code
 * try (SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withMaxLine(1024))) {
 *     rt.template("echo", ctx -> new EchoServer(Sockets.of(ctx, driver)));
 * }
 * }</pre>
 */
public final class SocketDriver implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("skynet.socket");
    private static final AtomicInteger DRIVERS = new AtomicInteger();
    private static final long SWEEP_MILLIS = 200;

    private final SocketOptions options;
    private final Loops loops;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, SocketEntry> sockets = new ConcurrentHashMap<>();
    private final Map<Address, Sockets> handles = new ConcurrentHashMap<>();
    private final Map<EventLoop, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> sweeper;
    private volatile boolean closed;

    SocketDriver(SocketOptions options) {
        this.options = options;
        int n = DRIVERS.incrementAndGet();
        this.loops = new Loops("skynet-socket-" + n, 1, options.loops(), options.transport().resolve());
        LOG.debug("socket driver {}: {} event loops on {}", n, options.loops(), loops.transport());
        this.sweeper = group().next().scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** A driver of its own, closed by the caller. */
    public static SocketDriver start(SocketOptions options) {
        return new SocketDriver(options);
    }

    /** The shared driver of {@code ctx}'s runtime. */
    public static SocketDriver of(ServiceContext ctx) {
        return Sockets.of(ctx).driver();
    }

    public SocketOptions options() {
        return options;
    }

    /** Every open socket with the bytes it buffers (skynet's {@code socket.netstat()}). */
    public NetStat netstat() {
        List<SocketStat> rows = new ArrayList<>();
        for (SocketEntry e : sockets.values()) {
            rows.add(e.stat());
        }
        rows.sort(Comparator.comparingInt(SocketStat::id));
        return new NetStat(rows);
    }

    /** The transport the event loops use ({@link SocketOptions#transport()} resolved on this machine). */
    public SocketTransport transport() {
        return loops.transport();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes every socket at once and stops the event loops. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.cancel(false);
        for (SocketEntry e : sockets.values()) {
            e.forceClose();
        }
        handles.clear();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).subscribe(null,
                e -> LOG.warn("socket driver: event loops did not stop cleanly: {}", e.toString()));
    }

    // ---- for the socket kinds ----------------------------------------------------------------

    LoopResources loops() {
        return loops;
    }

    EventLoopGroup group() {
        return loops.onServer(true);
    }

    Sockets handle(ServiceContext ctx) {
        if (closed) {
            throw new IllegalStateException("the socket driver is closed");
        }
        return handles.computeIfAbsent(ctx.self(), a -> new Sockets(ctx, this));
    }

    Outbox outbox(EventLoop loop) {
        return outboxes.computeIfAbsent(loop, Outbox::new);
    }

    int nextId() {
        for (;;) {
            int id = ids.incrementAndGet() & 0x7FFFFFFF;
            if (id != 0 && !sockets.containsKey(id)) {
                return id;
            }
        }
    }

    /** Adds a socket to the table; false (and the socket is closed) when the driver is closing. */
    boolean register(SocketEntry entry) {
        sockets.put(entry.id(), entry);
        if (closed) {
            sockets.remove(entry.id(), entry);
            entry.forceClose();
            return false;
        }
        return true;
    }

    void unregister(SocketEntry entry) {
        sockets.remove(entry.id(), entry);
    }

    SocketEntry entry(int id) {
        return sockets.get(id);
    }

    /** Closes the sockets of services that ended. */
    private void sweep() {
        try {
            handles.values().removeIf(h -> !h.alive());
            for (SocketEntry e : sockets.values()) {
                Sockets h = e.holder();
                if (h != null && !h.alive()) {
                    LOG.debug("[{}] service ended: closing its socket {}", h.self(), e.id());
                    e.forceClose();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("socket driver sweep failed: {}", e.toString(), e);
        }
    }
}

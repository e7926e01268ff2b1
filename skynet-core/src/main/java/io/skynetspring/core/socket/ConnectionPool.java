package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.slf4j.event.Level;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A fixed number of TCP connections from one service to one backend (skynet's "socket pool"),
 * lent out one caller at a time. The pool and its connections belong to the service that opened
 * it: use it from that service only; every {@code Mono} it hands out completes there. Connections
 * that close, lose their peer or fail an exchange are taken out and replaced, with back-off while
 * the backend is down. The rules are in the package documentation.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.open(Sockets.of(ctx), "127.0.0.1", 9000, PoolOptions.defaults());
 * return pool.use(c -> { c.write("get " + key + "\n"); return c.readLine(); });
 * }</pre>
 */
public final class ConnectionPool {

    private final Sockets sockets;
    private final ServiceContext ctx;
    private final Address self;
    private final String host;
    private final int port;
    private final String backend;
    private final PoolOptions options;
    private final PoolSlot[] slots;
    /** Open connections not lent out, least recently returned first: checkouts go round the pool. */
    private final ArrayDeque<PoolSlot> idle = new ArrayDeque<>();
    private final ArrayDeque<PoolWaiter> waiters = new ArrayDeque<>();
    private final Map<Connection, PoolSlot> lent = new IdentityHashMap<>();
    private PoolProbe probe;
    private String lastError;
    private boolean closed;

    private long checkouts;
    private long timeouts;
    private long exchangeTimeouts;
    private long refused;
    private long connects;
    private long connectFailures;
    private long reconnects;
    private long lost;
    private long probeFailures;
    private Duration lastBackoff = Duration.ZERO;

    private ConnectionPool(Sockets sockets, String host, int port, PoolOptions options) {
        this.sockets = sockets;
        this.ctx = sockets.context();
        this.self = sockets.self();
        this.host = host;
        this.port = port;
        this.backend = host + ":" + port;
        this.options = options;
        this.slots = new PoolSlot[options.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new PoolSlot(i);
        }
    }

    /**
     * A pool of {@code options.size()} connections to {@code host:port}, owned by {@code sockets}'
     * service; call it in that service. Connecting starts now; checkouts wait for the first ones.
     */
    public static ConnectionPool open(Sockets sockets, String host, int port, PoolOptions options) {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("pool in service " + sockets.self() + ": expected a host and a port "
                    + "1..65535, got " + host + ":" + port);
        }
        ConnectionPool pool = new ConnectionPool(sockets, host, port, options);
        for (PoolSlot s : pool.slots) {
            pool.connect(s);
        }
        return pool;
    }

    /** {@link #open(Sockets, String, int, PoolOptions)} with {@code "host:port"}. */
    public static ConnectionPool open(Sockets sockets, String address, PoolOptions options) {
        int colon = address.lastIndexOf(':');
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0) {
            throw new IllegalArgumentException("pool in service " + sockets.self() + ": expected host:port, got \""
                    + address + "\"");
        }
        return open(sockets, address.substring(0, colon), port, options);
    }

    /**
     * A connection of the pool for this caller alone, once one is free: at once if one is idle,
     * otherwise after a {@link #release} or a reconnect, in the order checkouts came. Fails with a
     * {@link SocketException} naming the backend and the service when none is free within
     * {@code checkoutTimeout}, or at once when {@code maxWaiters} already wait. Give it back with
     * {@link #release} (or {@link #discard} after a failed exchange); {@link #use} does both for you.
     * Use it in this service only, and leave {@code onClose} and {@code abandon} alone: the pool
     * watches the connection itself, and the next borrower would inherit a callback.
     */
    public Mono<Connection> checkout() {
        return Mono.<Connection>create(sink -> {
                    PoolWaiter w = new PoolWaiter(sink);
                    sink.onCancel(() -> {
                        w.cancelled = true;
                        ctx.fork(() -> forget(w));
                    });
                    ctx.fork(() -> take(w));
                })
                // a connection lent to a checkout that was cancelled at that instant comes back
                .doOnDiscard(Connection.class, c -> ctx.fork(() -> release(c)));
    }

    /**
     * Checks a connection out, runs {@code exchange} on it and gives it back: released when the
     * exchange completes, discarded (closed and replaced) when it fails, is cancelled or takes
     * longer than {@code exchangeTimeout}, since its stream may be half-way through a reply. The
     * result arrives in this service.
     *
     * <pre>{@code pool.use(c -> { c.write("ping\n"); return c.readLine(); })}</pre>
     */
    public <T> Mono<T> use(Function<Connection, ? extends Mono<T>> exchange) {
        Duration limit = options.exchangeTimeout();
        return Mono.usingWhen(checkout(),
                c -> Mono.defer(() -> exchange.apply(c)).publishOn(ctx.scheduler())
                        // the deadline runs on the node's timer and fires in this service
                        .timeout(ctx.sleep(limit).thenReturn(0L), Mono.defer(() -> {
                            exchangeTimeouts++;
                            ctx.incidents().warn("pool.exchange.timeout", self,
                                    "pool {}: no reply from {} within {} ms", backend, c.describe(), limit.toMillis());
                            return Mono.error(new SocketException(this + ": no reply from " + c.describe()
                                    + " within " + limit.toMillis() + " ms; the connection is closed and replaced. "
                                    + "Check the backend, or raise exchangeTimeout"));
                        })),
                c -> Mono.fromRunnable(() -> release(c)),
                (c, e) -> Mono.fromRunnable(() -> discard(c)),
                c -> Mono.fromRunnable(() -> ctx.fork(() -> discard(c))));
    }

    /**
     * Gives a checked-out connection back. One that closed, whose peer went away or that was
     * abandoned is taken out and replaced instead. After a read or write that failed, or a reply
     * not read to its end, {@link #discard} it: the pool cannot see that its stream is out of step.
     * False if {@code conn} was not lent by this pool (or was already given back, or was taken out
     * while lent).
     */
    public boolean release(Connection conn) {
        PoolSlot slot = lent.remove(conn);
        if (slot == null) {
            return false;
        }
        if (!slot.healthy()) {
            takeOut(slot, conn.isAbandoned() ? "was abandoned while checked out"
                    : slot.peerGone ? "was closed by the peer while checked out" : "closed while checked out");
            return true;
        }
        slot.proven = true;
        slot.streak = 0;
        offer(slot);
        return true;
    }

    /** Closes a checked-out connection whose exchange failed and opens a new one in its place. */
    public boolean discard(Connection conn) {
        PoolSlot slot = lent.remove(conn);
        if (slot == null) {
            return false;
        }
        takeOut(slot, "discarded after a failed exchange");
        return true;
    }

    /**
     * Every {@code every}, runs {@code check} on each idle connection (it is not lent meanwhile).
     * A check that fails, completes empty or takes longer than {@code probeTimeout} takes the
     * connection out. Replaces an earlier probe.
     *
     * <pre>{@code pool.probe(Duration.ofSeconds(30), c -> { c.write("ping\n"); return c.readLine(); });}</pre>
     */
    public ConnectionPool probe(Duration every, Function<Connection, ? extends Mono<?>> check) {
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("pool " + backend + " in service " + self
                    + ": the probe interval must be positive, was " + every);
        }
        if (probe != null) {
            probe.stop();
        }
        probe = new PoolProbe(ctx, this, every, options.probeTimeout(), check);
        probe.start();
        return this;
    }

    /** The pool's counters and state now. */
    public PoolStat stat() {
        int idleNow = 0;
        int busy = 0;
        int connecting = 0;
        int retrying = 0;
        for (PoolSlot s : slots) {
            switch (s.state) {
                case IDLE -> idleNow++;
                case BUSY, PROBING -> busy++;
                case CONNECTING -> connecting++;
                case RETRYING -> retrying++;
                default -> { }
            }
        }
        return new PoolStat(backend, slots.length, idleNow, busy, connecting, retrying, waiters.size(), checkouts,
                timeouts, exchangeTimeouts, refused, connects, connectFailures, reconnects, lost, probeFailures,
                lastBackoff);
    }

    /** {@code host:port}. */
    public String backend() {
        return backend;
    }

    public PoolOptions options() {
        return options;
    }

    /**
     * Closes every connection (lent ones too, after what was written to them is sent) and fails
     * the waiting checkouts; later checkouts fail at once.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (probe != null) {
            probe.stop();
        }
        for (PoolSlot s : slots) {
            s.cancelTimer();
            s.state = PoolSlot.State.CLOSED;
            if (s.conn != null) {
                s.conn.close();
                s.conn = null;
            }
        }
        idle.clear();
        lent.clear();
        PoolWaiter w;
        while ((w = waiters.poll()) != null) {
            w.cancelTimer();
            w.sink.error(closedError());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "pool of " + backend + " in service " + self;
    }

    // ---- connecting -------------------------------------------------------------------------

    private void connect(PoolSlot slot) {
        if (closed) {
            return;
        }
        slot.timer = null;
        slot.state = PoolSlot.State.CONNECTING;
        if (slot.connectedOnce || slot.streak > 0) {
            reconnects++;
        }
        sockets.open(host, port).subscribe(c -> opened(slot, c), e -> connectFailed(slot, e));
    }

    private void opened(PoolSlot slot, Connection c) {
        if (closed) {
            c.shutdown();
            return;
        }
        connects++;
        slot.conn = c;
        slot.connectedOnce = true;
        slot.openedAt = System.nanoTime();
        slot.proven = false;
        slot.peerGone = false;
        PoolWatch.attach(c, (conn, event) -> ctx.fork(() -> watched(conn, event)));
        offer(slot);
    }

    private void connectFailed(PoolSlot slot, Throwable e) {
        if (closed) {
            return;
        }
        connectFailures++;
        slot.streak++;
        lastError = e.getMessage();
        Duration pause = retryLater(slot);
        ctx.incidents().warn("pool.connect.failed", self, "pool {}: {} (slot {}: {} failures in a row); "
                + "next try in {} ms", backend, lastError, slot.index, slot.streak, pause.toMillis());
    }

    /** Pauses {@code slot} for its back-off, then connects it again. */
    private Duration retryLater(PoolSlot slot) {
        Duration pause = options.backoff(slot.streak, ThreadLocalRandom.current().nextDouble());
        lastBackoff = pause;
        slot.state = PoolSlot.State.RETRYING;
        slot.timer = ctx.timeout(pause, () -> connect(slot));
        return pause;
    }

    /** {@code slot}'s connection leaves the pool (closed if still open); a new one is made in its place. */
    private void takeOut(PoolSlot slot, String why) {
        Connection c = slot.conn;
        slot.conn = null;
        idle.remove(slot);
        if (c != null) {
            lent.remove(c);
            if (c.isAbandoned()) {
                PoolWatch.detach(c);
            } else {
                c.shutdown();
            }
        }
        slot.cancelTimer();
        lost++;
        if (closed || ctx.isShuttingDown()) {
            return;   // the node is stopping: its backends close too, and nothing should reconnect
        }
        long lived = System.nanoTime() - slot.openedAt;
        // a connection that never served anyone and died young says the backend is not well: back off
        boolean early = !slot.proven && lived < options.backoffMax().toNanos();
        slot.streak = early ? slot.streak + 1 : 0;
        String who = c == null ? "a connection" : c.describe();
        if (slot.streak == 0) {
            // a connection that had served is lost in the ordinary way (a backend restart, its idle cut): INFO
            ctx.incidents().log(ctx.logger(), Level.INFO, "pool.connection.lost", self, "pool {}: {} {}; reconnecting",
                    backend, who, why);
            connect(slot);
        } else {
            Duration pause = retryLater(slot);
            ctx.incidents().warn("pool.connection.lost", self, "pool {}: {} {} after {} ms; reconnecting in {} ms",
                    backend, who, why, TimeUnit.NANOSECONDS.toMillis(lived), pause.toMillis());
        }
    }

    /** What a connection's {@link PoolWatch} saw, now in this service. */
    private void watched(Connection c, PoolWatch.Event event) {
        PoolSlot slot = slotOf(c);
        if (slot == null) {
            return;
        }
        if (event == PoolWatch.Event.CLOSED) {
            takeOut(slot, "closed");
        } else if (slot.state == PoolSlot.State.BUSY) {
            // the borrower may still be reading the peer's last bytes; it leaves at its return
            slot.peerGone = true;
        } else if (slot.state == PoolSlot.State.IDLE || slot.state == PoolSlot.State.PROBING) {
            slot.peerGone = true;
            takeOut(slot, "was closed by the peer");
        }
    }

    private PoolSlot slotOf(Connection c) {
        for (PoolSlot s : slots) {
            if (s.conn == c) {
                return s;
            }
        }
        return null;
    }

    // ---- lending ----------------------------------------------------------------------------

    /** A checkout arrived in this service: lend an idle connection, or wait for one. */
    private void take(PoolWaiter w) {
        if (w.cancelled) {
            return;
        }
        if (closed) {
            w.sink.error(closedError());
            return;
        }
        PoolSlot slot;
        while ((slot = idle.pollFirst()) != null) {
            if (slot.healthy()) {
                lend(slot, w);
                return;
            }
            takeOut(slot, "was found closed at checkout");
        }
        if (waiters.size() >= options.maxWaiters()) {
            refused++;
            ctx.incidents().warn("pool.checkout.refused", self, "pool {}: checkout refused, {} already waiting",
                    backend, waiters.size());
            w.sink.error(new SocketException(this + ": checkout refused, " + waiters.size() + " checkouts already "
                    + "wait for a connection (maxWaiters); release connections sooner or raise the pool size"));
            return;
        }
        waiters.addLast(w);
        w.timer = ctx.timeout(options.checkoutTimeout(), () -> expire(w));
    }

    /** {@code slot} has a usable connection: hand it to the first waiting checkout, or keep it idle. */
    private void offer(PoolSlot slot) {
        PoolWaiter w;
        while ((w = waiters.pollFirst()) != null) {
            w.cancelTimer();
            if (!w.cancelled) {
                lend(slot, w);
                return;
            }
        }
        slot.state = PoolSlot.State.IDLE;
        idle.addLast(slot);
    }

    private void lend(PoolSlot slot, PoolWaiter w) {
        slot.state = PoolSlot.State.BUSY;
        lent.put(slot.conn, slot);
        checkouts++;
        w.sink.success(slot.conn);
    }

    private void expire(PoolWaiter w) {
        if (!waiters.remove(w)) {
            return;
        }
        timeouts++;
        PoolStat s = stat();
        String down = s.open() == 0 && lastError != null ? "; the backend is not answering: " + lastError : "";
        ctx.incidents().warn("pool.checkout.timeout", self, "pool {}: no connection free within {} ms ({} busy, "
                + "{} connecting){}", backend, options.checkoutTimeout().toMillis(), s.busy(),
                s.connecting() + s.retrying(), down);
        w.sink.error(new SocketException(this + ": no connection free within " + options.checkoutTimeout().toMillis()
                + " ms (" + s.busy() + " of " + s.size() + " checked out, " + (s.connecting() + s.retrying())
                + " reconnecting" + down + "); release connections sooner, or raise the pool size or checkoutTimeout"));
    }

    private void forget(PoolWaiter w) {
        if (waiters.remove(w)) {
            w.cancelTimer();
        }
    }

    private SocketException closedError() {
        return new SocketException(this + " is closed; open a new pool");
    }

    // ---- probing ----------------------------------------------------------------------------

    /** The idle slots, now marked as being probed: not lent until {@link #probed}. */
    List<PoolSlot> takeIdleForProbe() {
        List<PoolSlot> due = new ArrayList<>(idle);
        idle.clear();
        for (PoolSlot slot : due) {
            slot.state = PoolSlot.State.PROBING;
        }
        return due;
    }

    /** The probe of {@code c} in {@code slot} ended; {@code failure} is null when it passed. */
    void probed(PoolSlot slot, Connection c, String failure) {
        if (slot.conn != c || slot.state != PoolSlot.State.PROBING) {
            return;
        }
        slot.cancelTimer();
        if (failure == null && slot.healthy()) {
            slot.proven = true;
            slot.streak = 0;
            offer(slot);
            return;
        }
        probeFailures++;
        ctx.incidents().warn("pool.probe.failed", self, "pool {}: probe of {} failed: {}", backend, c.describe(),
                failure == null ? "the connection closed" : failure);
        takeOut(slot, "failed its probe");
    }
}

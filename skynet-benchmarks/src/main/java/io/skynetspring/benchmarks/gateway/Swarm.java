package io.skynetspring.benchmarks.gateway;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.bot.LoginResult;
import io.skynetspring.samples.gateway.login.LoginTokens;
import org.HdrHistogram.Histogram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generator's players: bots on a shared event loop group, player {@code i} with id {@code firstId + i}
 * in scene {@code 1 + i / sceneSize}. Each mover sends {@code move(seq, i)} on its own event loop, seq
 * going on from where its login put it, and remembers when it sent its last 64 sequence numbers;
 * receivers look the send time up by mover and seq. Every receiver also keeps the last seq it heard
 * from each other player of its scene: a seq that skips ahead counts the moves skipped as lost, one
 * heard again (or out of order, or from outside the scene) as extra. The bots read move pushes straight
 * from their bytes, and what is counted and timed stays on each event loop until a window is read.
 */
final class Swarm implements AutoCloseable {

    private static final int REMEMBERED = 64;
    /** The measured window is also cut into slices this long, to show when the late deliveries came. */
    private static final long SLICE_NANOS = 10_000_000;
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(120);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final GatewayLoad.Settings s;
    private final EventLoopGroup group;
    private final long firstId;
    private final LoginTokens tokens;
    private final List<Member> members = new ArrayList<>();
    private final Map<EventLoop, Tally> tallies = new LinkedHashMap<>();
    private final Map<EventLoop, Ticker> tickers = new LinkedHashMap<>();
    /** Per player and remembered move, side by side (one cache line for a receiver's look-up): sent at, seq. */
    private final long[] sent;
    private final int[] sceneMembers;
    private final AtomicInteger closed = new AtomicInteger();
    private int loggedIn;
    private int failed;

    Swarm(GatewayLoad.Settings s, EventLoopGroup group) {
        this(s, group, 1);
    }

    Swarm(GatewayLoad.Settings s, EventLoopGroup group, long firstId) {
        this.s = s;
        this.group = group;
        this.firstId = firstId;
        this.tokens = new LoginTokens(s.secret());
        int capacity = Math.max(s.max(), s.idle());
        this.sent = new long[capacity * REMEMBERED * 2];
        this.sceneMembers = new int[capacity / s.sceneSize() + 2];
    }

    int loggedIn() {
        return loggedIn;
    }

    /** Connects and logs in players up to {@code players} in all; a login answered "busy" is retried. */
    void grow(int players) throws Exception {
        List<CompletableFuture<Boolean>> logins = new ArrayList<>();
        for (int i = members.size(); i < players; i++) {
            int index = i;
            Member m = new Member(index);
            members.add(m);
            try {
                m.bot = GatewayBot.connect(group, "127.0.0.1", s.port(), m, Duration.ofSeconds(10),
                        GatewayBot.Moves.READ_DIRECT);
            } catch (IllegalStateException e) {
                logins.add(CompletableFuture.completedFuture(false));
                continue;
            }
            m.tally = tallies.computeIfAbsent(m.bot.eventLoop(), loop -> newTally());
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            login(m, done);
            logins.add(done);
        }
        long deadline = System.nanoTime() + LOGIN_DEADLINE.toNanos();
        for (CompletableFuture<Boolean> f : logins) {
            boolean ok;
            try {
                ok = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                ok = false;
            }
            if (ok) {
                loggedIn++;
            } else {
                failed++;
            }
        }
    }

    private void login(Member m, CompletableFuture<Boolean> done) {
        long id = firstId + m.index;
        int scene = 1 + m.index / s.sceneSize();
        m.bot.login(id, tokens.issue(id), scene).whenComplete((LoginResult r, Throwable e) -> {
            if (r != null && r.ok()) {
                synchronized (sceneMembers) {
                    sceneMembers[scene]++;
                }
                // on the bot's event loop, before its first move: go on from where the player stands
                m.seq = Math.max(0, r.x());
                m.scene = scene;
                done.complete(true);
            } else if (r != null && r.error() != null && r.error().startsWith("server busy")) {
                m.bot.eventLoop().schedule(() -> login(m, done), 100 + ThreadLocalRandom.current().nextInt(100),
                        TimeUnit.MILLISECONDS);
            } else {
                done.complete(false);
            }
        });
    }

    /** Starts the players that do not move yet, warms up, then measures one window. */
    GatewayLoad.Level measure() throws Exception {
        long period = (long) (1e9 / s.rate());
        for (Member m : members) {
            if (m.moving || m.scene == 0) {
                continue;
            }
            m.moving = true;
            if (s.clock().isZero()) {
                // each player on its own exact schedule: its loop wakes for each of its moves
                long offset = ThreadLocalRandom.current().nextLong(period);
                m.ticks = m.bot.eventLoop().scheduleAtFixedRate(m::tick, offset, period, TimeUnit.NANOSECONDS);
            } else {
                Ticker t = tickers.computeIfAbsent(m.bot.eventLoop(), Ticker::new);
                t.loop.submit(() -> t.add(m)).sync();
            }
        }
        Thread.sleep(s.warmup().toMillis());
        int closedBefore = closed.get();
        double cpu0 = s.appPid() > 0 ? AppProcess.cpuSeconds(s.appPid()) : -1;
        double own0 = AppProcess.cpuSeconds(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        // wall clock, to line the slices up with GC logs and system samples
        String opened = java.time.LocalTime.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        for (Map.Entry<EventLoop, Tally> e : tallies.entrySet()) {
            e.getKey().submit(e.getValue()::open).sync();
        }
        Thread.sleep(s.duration().toMillis());
        Tally sum = newTally();
        for (Map.Entry<EventLoop, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            e.getKey().submit(() -> t.closeInto(sum)).sync();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = s.appPid() > 0 ? (AppProcess.cpuSeconds(s.appPid()) - cpu0) / seconds * 100 : -1;
        double own = (AppProcess.cpuSeconds(ProcessHandle.current().pid()) - own0) / seconds * 100;
        Histogram h = sum.latencies;
        return new GatewayLoad.Level(s.label(), members.size(), loggedIn, failed, closed.get() - closedBefore,
                sum.moves / seconds, sum.deliveries / seconds, sum.expected / seconds, sum.lost, sum.extra,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, cpu, own,
                "window_start=" + opened + " " + sum.lateSlices());
    }

    private Tally newTally() {
        return new Tally((int) (s.duration().toNanos() / SLICE_NANOS) + 100, (long) (s.limitMillis() * 1000));
    }

    @Override
    public void close() {
        for (Ticker t : tickers.values()) {
            t.stop();
        }
        for (Member m : members) {
            if (m.ticks != null) {
                m.ticks.cancel(false);
            }
        }
        for (Member m : members) {
            if (m.bot != null) {
                m.bot.close();
            }
        }
    }

    /**
     * What the players of one event loop sent and heard in the window, touched only on that loop (the
     * window opens and closes as tasks on it), so counting a delivery costs no atomic operation. Per
     * 10 ms slice of the window it also counts the deliveries heard and those later than the limit (with
     * the latest of them), so a p99 over the limit shows whether its late deliveries came spread out or in bursts.
     */
    private static final class Tally {
        final Histogram latencies = new Histogram(3);
        final long limitMicros;
        final long[] heard;
        final long[] late;
        final long[] worst;
        long openedAt;
        boolean measuring;
        long moves;
        long expected;
        long deliveries;
        long lost;
        long extra;

        Tally(int slices, long limitMicros) {
            this.limitMicros = limitMicros;
            this.heard = new long[slices];
            this.late = new long[slices];
            this.worst = new long[slices];
        }

        void open() {
            latencies.reset();
            Arrays.fill(heard, 0);
            Arrays.fill(late, 0);
            Arrays.fill(worst, 0);
            openedAt = System.nanoTime();
            moves = expected = deliveries = lost = extra = 0;
            measuring = true;
        }

        /** Ends the window and adds it to {@code sum} (read after this task's future completes). */
        void closeInto(Tally sum) {
            measuring = false;
            synchronized (sum) {
                sum.latencies.add(latencies);
                for (int i = 0; i < heard.length; i++) {
                    sum.heard[i] += heard[i];
                    sum.late[i] += late[i];
                    sum.worst[i] = Math.max(sum.worst[i], worst[i]);
                }
                sum.moves += moves;
                sum.expected += expected;
                sum.deliveries += deliveries;
                sum.lost += lost;
                sum.extra += extra;
            }
        }

        void record(long now, long micros) {
            latencies.recordValue(micros);
            deliveries++;
            int slice = (int) Math.min(heard.length - 1, (now - openedAt) / SLICE_NANOS);
            heard[slice]++;
            if (micros > limitMicros) {
                late[slice]++;
                worst[slice] = Math.max(worst[slice], micros);
            }
        }

        /** The slices with a delivery over the limit, as {@code at_ms:late_pct/worst_ms}. */
        String lateSlices() {
            StringBuilder b = new StringBuilder();
            int n = 0;
            for (int i = 0; i < heard.length; i++) {
                if (late[i] > 0) {
                    n++;
                    b.append(' ').append(i * SLICE_NANOS / 1_000_000).append(':').append(late[i] * 100 / heard[i])
                            .append('/').append(worst[i] / 1000);
                }
            }
            return "slices_late=" + n + (b.length() > 0 ? " at_ms:late_pct/worst_ms" + b : "");
        }
    }

    /**
     * The moves of one event loop's players: each player has a random slot of the generator's clock in a
     * {@code 1/rate} period and moves when its slot comes round, so the loop wakes once per slot for all the
     * players in it rather than once per move (with a 1 ms clock, a thousand times a second, not ten thousand).
     */
    private final class Ticker {
        final EventLoop loop;
        final List<List<Member>> slots = new ArrayList<>();
        ScheduledFuture<?> ticks;
        long tick;

        Ticker(EventLoop loop) {
            this.loop = loop;
            int n = Math.max(1, (int) Math.round(1e9 / s.rate() / s.clock().toNanos()));
            for (int i = 0; i < n; i++) {
                slots.add(new ArrayList<>());
            }
        }

        /** On the loop: {@code m} moves from its slot's next turn. */
        void add(Member m) {
            slots.get(ThreadLocalRandom.current().nextInt(slots.size())).add(m);
            if (ticks == null) {
                long clock = s.clock().toNanos();
                ticks = loop.scheduleAtFixedRate(this::tick, clock, clock, TimeUnit.NANOSECONDS);
            }
        }

        private void tick() {
            for (Member m : slots.get((int) (tick++ % slots.size()))) {
                m.tick();
            }
        }

        void stop() {
            if (ticks != null) {
                ticks.cancel(false);
            }
        }
    }

    /** One player: moves on its bot's event loop and times the moves of others it receives. */
    private final class Member implements BotListener {
        final int index;
        GatewayBot bot;
        Tally tally;
        boolean moving;
        /** With clock 0: this player's own schedule. */
        ScheduledFuture<?> ticks;
        volatile int scene;
        long seq;
        /** The last seq heard from each player of the scene, by its place in it; -1 before any. */
        long[] heard;

        Member(int index) {
            this.index = index;
        }

        void tick() {
            long n = ++seq;
            int slot = (index * REMEMBERED + (int) (n % REMEMBERED)) * 2;
            sent[slot] = System.nanoTime();
            // the time first, then the seq a receiver checks it by
            LONGS.setRelease(sent, slot + 1, n);
            bot.move(n, index);
            if (tally.measuring) {
                tally.moves++;
                tally.expected += sceneMembers[scene] - 1;
            }
        }

        @Override
        public void playerMove(long id, long x, long y) {
            long mover = id - firstId;
            if (mover < 0 || mover >= sent.length / (REMEMBERED * 2)) {
                return;
            }
            if (mover / s.sceneSize() != index / s.sceneSize() || mover == index) {
                if (tally.measuring) {
                    tally.extra++;
                }
                return;
            }
            if (heard == null) {
                heard = new long[s.sceneSize()];
                Arrays.fill(heard, -1);
            }
            int place = (int) (mover % s.sceneSize());
            long last = heard[place];
            heard[place] = Math.max(last, x);
            // the first one heard from a player (its place when this one entered, or when it did) sets where it starts
            if (last < 0 || !tally.measuring || x <= 0) {
                return;
            }
            if (x <= last) {
                tally.extra++;
                return;
            }
            tally.lost += x - last - 1;
            int slot = ((int) mover * REMEMBERED + (int) (x % REMEMBERED)) * 2;
            // a move sent more than REMEMBERED moves ago has lost its send time: it is at least that late
            long now = System.nanoTime();
            long micros = (long) LONGS.getAcquire(sent, slot + 1) == x ? (now - sent[slot]) / 1000
                    : REMEMBERED * (long) (1e6 / s.rate());
            tally.record(now, Math.max(0, micros));
        }

        @Override
        public void closed() {
            closed.incrementAndGet();
        }
    }
}

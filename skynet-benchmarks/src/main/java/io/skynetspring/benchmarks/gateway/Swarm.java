package io.skynetspring.benchmarks.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.bot.LoginResult;
import io.skynetspring.samples.gateway.login.LoginTokens;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The generator's players: bots on a shared event loop group, player {@code i} with id {@code firstId + i}
 * in scene {@code 1 + i / sceneSize}. Each mover sends {@code move(seq, i)} on its own event loop and
 * remembers when it sent its last 64 sequence numbers; receivers look the send time up by mover and seq.
 */
final class Swarm implements AutoCloseable {

    private static final int REMEMBERED = 64;
    private static final Duration LOGIN_DEADLINE = Duration.ofSeconds(120);

    private final GatewayLoad.Settings s;
    private final EventLoopGroup group;
    private final long firstId;
    private final LoginTokens tokens;
    private final List<Member> members = new ArrayList<>();
    private final long[] sentAt;
    private final long[] sentSeq;
    private final int[] sceneMembers;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder moves = new LongAdder();
    private final LongAdder expected = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean measuring;
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
        this.sentAt = new long[capacity * REMEMBERED];
        this.sentSeq = new long[capacity * REMEMBERED];
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
                m.bot = GatewayBot.connect(group, "127.0.0.1", s.port(), m, Duration.ofSeconds(10));
            } catch (IllegalStateException e) {
                logins.add(CompletableFuture.completedFuture(false));
                continue;
            }
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
            if (m.ticks == null && m.scene > 0) {
                long offset = ThreadLocalRandom.current().nextLong(period);
                m.ticks = m.bot.eventLoop().scheduleAtFixedRate(m::tick, offset, period, TimeUnit.NANOSECONDS);
            }
        }
        Thread.sleep(s.warmup().toMillis());
        latencies.getIntervalHistogram();
        moves.reset();
        expected.reset();
        deliveries.reset();
        int closedBefore = closed.get();
        double cpu0 = s.appPid() > 0 ? AppProcess.cpuSeconds(s.appPid()) : -1;
        long t0 = System.nanoTime();
        measuring = true;
        Thread.sleep(s.duration().toMillis());
        measuring = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = s.appPid() > 0 ? (AppProcess.cpuSeconds(s.appPid()) - cpu0) / seconds * 100 : -1;
        Histogram h = latencies.getIntervalHistogram();
        return new GatewayLoad.Level(s.label(), members.size(), loggedIn, failed, closed.get() - closedBefore,
                moves.sum() / seconds, deliveries.sum() / seconds, expected.sum() / seconds,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, cpu);
    }

    @Override
    public void close() {
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

    /** One player: moves on its bot's event loop and times the moves of others it receives. */
    private final class Member implements BotListener {
        final int index;
        GatewayBot bot;
        ScheduledFuture<?> ticks;
        volatile int scene;
        long seq;

        Member(int index) {
            this.index = index;
        }

        void tick() {
            long n = ++seq;
            int slot = index * REMEMBERED + (int) (n % REMEMBERED);
            sentSeq[slot] = n;
            sentAt[slot] = System.nanoTime();
            bot.move(n, index);
            if (measuring) {
                moves.increment();
                expected.add(sceneMembers[scene] - 1);
            }
        }

        @Override
        public void playerMove(long id, long x, long y) {
            if (!measuring || x <= 0) {
                return;
            }
            long mover = id - firstId;
            if (mover < 0 || mover >= sentAt.length / REMEMBERED) {
                return;
            }
            int slot = (int) mover * REMEMBERED + (int) (x % REMEMBERED);
            if (sentSeq[slot] != x) {
                return;
            }
            latencies.recordValue(Math.max(0, (System.nanoTime() - sentAt[slot]) / 1000));
            deliveries.increment();
        }

        @Override
        public void closed() {
            closed.incrementAndGet();
        }
    }
}

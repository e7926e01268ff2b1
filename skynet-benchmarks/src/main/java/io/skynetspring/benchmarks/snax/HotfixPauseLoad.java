package io.skynetspring.benchmarks.snax;

import io.skynetspring.benchmarks.snax.ledger.Ledger;
import io.skynetspring.benchmarks.snax.ledger.LedgerState;
import io.skynetspring.benchmarks.snax.ledger.LedgerVersions;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.snax.HotfixResult;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a hotfix pauses a snax service under a steady stream of requests: {@code senders} threads
 * each send numbered {@code req}s to a {@link Ledger} one after another (a closed loop) while the
 * service is swapped {@code swaps} times between two versions compiled at run time. Reports the pause
 * each {@link HotfixResult} states and what the senders saw (the largest gap between two replies
 * around each swap, against the largest gaps of a quiet phase before), and checks that no request
 * was lost, answered wrongly or seen twice, and that each swap took effect. With {@code control} it
 * swaps nothing: it only loads and inspects the next version's class off the service, as a hotfix
 * does before its swap, to show what the senders see from that work alone.
 *
 * <pre>{@code java -cp benchmarks.jar io.skynetspring.benchmarks.snax.HotfixPauseLoad [swaps] [senders] [spacingMillis] [control]}</pre>
 */
public final class HotfixPauseLoad {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Each sender keeps at most this many reply times (8 bytes each); a longer run stops recording. */
    private static final int MAX_SAMPLES = 4_000_000;

    /** What one run measured; times in nanoseconds, the arrays sorted. */
    public record Result(int swaps, long[] pauses, long[] gapsAroundSwaps, long[] quietGaps, long sent,
                         LedgerState ledger, long wrongReplies, int versionMismatches, double requestsPerSecond) {

        /** Requests answered but never taken by the ledger, and numbers the ledger never saw. */
        public long lost() {
            return sent - (ledger.received() - ledger.duplicated()) + ledger.skipped();
        }

        public String line() {
            return String.format(Locale.ROOT, "RESULT swaps=%d%s hotfix-pause-us p50=%.1f p99=%.1f max=%.1f"
                            + " | reply-gap-around-swap-us p50=%.1f p99=%.1f max=%.1f"
                            + " | quiet-reply-gap-us p50=%.1f p99=%.1f max=%.1f"
                            + " | req/s=%.0f sent=%d received=%d lost=%d duplicated=%d wrong-replies=%d"
                            + " version-mismatches=%d",
                    swaps, pauses.length == 0 ? " (control: classes loaded, nothing swapped)" : "",
                    us(pauses, 50), us(pauses, 99), us(pauses, 100),
                    us(gapsAroundSwaps, 50), us(gapsAroundSwaps, 99), us(gapsAroundSwaps, 100),
                    us(quietGaps, 50), us(quietGaps, 99), us(quietGaps, 100),
                    requestsPerSecond, sent, ledger.received(), lost(), ledger.duplicated(), wrongReplies,
                    versionMismatches);
        }

        private static double us(long[] sorted, int percentile) {
            return percentile(sorted, percentile) / 1e3;
        }
    }

    private HotfixPauseLoad() {
    }

    public static void main(String[] args) throws Exception {
        int swaps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Duration spacing = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 20);
        boolean control = args.length > 3 && args[3].equals("control");
        Result r = run(swaps, senders, spacing, Duration.ofSeconds(2), Duration.ofSeconds(1), control);
        System.out.println(r.line());
        if (r.lost() != 0 || r.ledger().duplicated() != 0 || r.wrongReplies() != 0 || r.versionMismatches() != 0) {
            System.exit(1);
        }
    }

    /**
     * Runs the load: {@code warmup} of requests, a {@code quiet} phase measured without swaps, then
     * {@code swaps} hotfixes {@code spacing} apart, alternating versions 1 and 2 (or, as a
     * {@code control}, only the loading of those versions, with no swap and no pause figures).
     */
    public static Result run(int swaps, int senders, Duration spacing, Duration warmup, Duration quiet,
                             boolean control) throws Exception {
        Path dir = Files.createTempDirectory("snax-hotfix-load");
        Path[] versions = {LedgerVersions.compile(1, dir.resolve("v1")), LedgerVersions.compile(2, dir.resolve("v2"))};
        SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults());
        try {
            Snax snax = Snax.of(rt);
            SnaxHandle ledger = snax.newService(Ledger.class).block(WAIT);
            long started = System.nanoTime();
            Sender[] pool = new Sender[senders];
            for (int i = 0; i < senders; i++) {
                pool[i] = new Sender(i, ledger);
                pool[i].start();
            }
            park(warmup);
            long quietFrom = System.nanoTime();
            park(quiet);
            long quietTo = System.nanoTime();

            long[] pauses = new long[control ? 0 : swaps];
            long[][] windows = new long[swaps][2];
            int versionMismatches = 0;
            for (int i = 0; i < swaps; i++) {
                int version = i % 2 + 1;
                windows[i][0] = System.nanoTime();
                if (control) {
                    Mono.fromCallable(() -> loadOnly(versions[version - 1]))
                            .subscribeOn(Schedulers.boundedElastic()).block(WAIT);
                    windows[i][1] = System.nanoTime();
                } else {
                    HotfixResult r = snax.hotfix(ledger, versions[version - 1]).block(WAIT);
                    windows[i][1] = System.nanoTime();
                    pauses[i] = r.paused().toNanos();
                    if (ledger.req("version", Integer.class).block(WAIT) != version) {
                        versionMismatches++;
                    }
                }
                park(spacing);
            }
            long end = System.nanoTime();
            for (Sender s : pool) {
                s.halt();
            }
            long sent = 0;
            long wrong = 0;
            for (Sender s : pool) {
                s.join(WAIT.toMillis());
                if (s.failure != null) {
                    throw new IllegalStateException("sender " + s.id + " failed", s.failure);
                }
                sent += s.sent;
                wrong += s.wrong;
            }
            LedgerState state = ledger.req("state", LedgerState.class).block(WAIT);

            long[] around = new long[swaps];
            for (int i = 0; i < swaps; i++) {
                for (Sender s : pool) {
                    around[i] = Math.max(around[i], s.largestGap(windows[i][0], windows[i][1]));
                }
            }
            List<Long> quietGaps = new ArrayList<>();
            for (Sender s : pool) {
                s.gapsWithin(quietFrom, quietTo, quietGaps);
            }
            Arrays.sort(pauses);
            Arrays.sort(around);
            long[] quietSorted = quietGaps.stream().mapToLong(Long::longValue).sorted().toArray();
            double rate = sent / ((end - started) / 1e9);
            return new Result(swaps, pauses, around, quietSorted, sent, state, wrong, versionMismatches, rate);
        } finally {
            rt.shutdown(WAIT);
        }
    }

    /** What a hotfix does off the service before its swap, and nothing else: load the class afresh, link it, look at it. */
    private static Class<?> loadOnly(Path classes) throws Exception {
        String name = Ledger.class.getName();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Ledger.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (!n.equals(name)) {
                    return super.loadClass(n, resolve);
                }
                synchronized (getClassLoadingLock(n)) {
                    Class<?> c = findLoadedClass(n);
                    return c != null ? c : findClass(n);
                }
            }
        }) {
            Class<?> c = Class.forName(name, true, loader);
            c.getDeclaredMethods();
            c.getDeclaredFields();
            c.getDeclaredConstructor().newInstance();
            return c;
        }
    }

    /** The {@code percentile}-th value of a sorted array (100: the largest); 0 when empty. */
    static long percentile(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void park(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
    }

    /** One closed-loop sender: a numbered req, wait for its reply, note the time, next. */
    private static final class Sender extends Thread {

        final int id;
        private final SnaxHandle ledger;
        private long[] replies = new long[1 << 16];
        private int recorded;
        private volatile boolean running = true;
        long sent;
        long wrong;
        Throwable failure;

        Sender(int id, SnaxHandle ledger) {
            super("hotfix-load-sender-" + id);
            this.id = id;
            this.ledger = ledger;
        }

        @Override
        public void run() {
            try {
                for (long seq = 0; running; seq++) {
                    Long reply = ledger.req("take", Long.class, id, seq).block(WAIT);
                    sent++;
                    if (reply == null || reply != seq) {
                        wrong++;
                    }
                    if (recorded == replies.length && recorded < MAX_SAMPLES) {
                        replies = Arrays.copyOf(replies, Math.min(MAX_SAMPLES, 2 * recorded));
                    }
                    if (recorded < replies.length) {
                        replies[recorded++] = System.nanoTime();
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void halt() {
            running = false;
        }

        /** The largest gap between two consecutive replies whose interval overlaps {@code [from, to]}. */
        long largestGap(long from, long to) {
            int k = firstAtOrAfter(from);
            long largest = 0;
            for (; k < recorded && replies[k - 1] <= to; k++) {
                largest = Math.max(largest, replies[k] - replies[k - 1]);
            }
            return largest;
        }

        /** Adds the gaps between consecutive replies that both fall in {@code [from, to]}. */
        void gapsWithin(long from, long to, List<Long> out) {
            for (int k = firstAtOrAfter(from); k < recorded && replies[k] <= to; k++) {
                if (replies[k - 1] >= from) {
                    out.add(replies[k] - replies[k - 1]);
                }
            }
        }

        /** The first index from 1 whose reply time is at or after {@code t}. */
        private int firstAtOrAfter(long t) {
            int lo = 1;
            int hi = recorded;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (replies[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import static io.skynetspring.core.snax.CounterSources.COUNTER;
import static io.skynetspring.core.snax.CounterSources.MIGRATE;
import static io.skynetspring.core.snax.CounterSources.counter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Hot update of a running snax service, with versions compiled by the JDK's compiler: from a class
 * folder and from a jar, under a steady stream of messages, and every way an update can fail.
 */
class HotfixTest extends SnaxFixture {

    @TempDir
    static Path tmp;
    static Path v1;
    static Path v2;
    static Path v3Jar;
    static ClassLoader v1Loader;
    static Class<?> counterV1;

    @BeforeAll
    static void compileVersions() {
        v1 = CounterSources.v1(tmp.resolve("v1"));
        v2 = CounterSources.version(tmp.resolve("v2"), v1, counter("v2"));
        Path v3 = CounterSources.version(tmp.resolve("v3"), v1, counter("v3", MIGRATE));
        v3Jar = SourceCompiler.jar(v3, tmp.resolve("counter-v3.jar"));
        v1Loader = SourceCompiler.loader(v1);
        counterV1 = SourceCompiler.load(v1Loader, COUNTER);
    }

    private SnaxHandle startCounter() {
        return snax.newService(counterV1).block(WAIT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(SnaxHandle counter) {
        return (Map<String, Object>) counter.req("report").block(WAIT);
    }

    @Test
    void aClassFolderThenAJarReplaceTheCodeAndTheStateCarriesOver() throws Exception {
        SnaxHandle counter = startCounter();
        for (int i = 0; i < 10; i++) {
            counter.post("hit", "a", (long) i);
        }
        Object tallyBefore = counter.req("tally").block(WAIT);

        HotfixResult toV2 = snax.hotfix(counter, v2).block(WAIT);

        assertThat(counter.req("version").block(WAIT)).isEqualTo("v2");
        assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(10L);
        assertThat(toV2.oldClass()).isEqualTo(COUNTER);
        assertThat(toV2.newClass()).isEqualTo(COUNTER);
        assertThat(toV2.oldLoader()).isNotEqualTo(toV2.newLoader());
        assertThat(toV2.newLoader()).startsWith("snax-hotfix-");
        assertThat(toV2.fieldsCarried()).containsExactlyInAnyOrder("ctx", "next", "anomalies", "byVersion", "total");
        assertThat(toV2.fieldsDropped()).isEmpty();
        assertThat(toV2.methods()).containsExactly("hit", "report", "slow", "tally", "total", "version");
        assertThat(toV2.paused()).isPositive().isLessThan(WAIT);
        // Tally came from the running version, so a caller's Tally class still fits the reply
        Object tallyAfter = counter.req("tally").block(WAIT);
        assertThat(tallyAfter.getClass()).isSameAs(tallyBefore.getClass());
        assertThat(tallyAfter.toString()).isEqualTo("Tally[total=10]");

        counter.post("hit", "a", 10L);
        HotfixResult toV3 = snax.hotfix(counter, v3Jar).block(WAIT);

        assertThat(counter.req("version").block(WAIT)).isEqualTo("v3");
        assertThat(toV3.newLoader()).isNotEqualTo(toV2.newLoader());
        assertThat(toV3.fieldsCarried()).contains("next", "total");
        counter.post("hit", "a", 11L);
        Map<String, Object> report = report(counter);
        assertThat(report.get("total")).isEqualTo(12L);
        assertThat(report.get("anomalies")).asList().isEmpty();
        assertThat(report.get("byVersion")).isEqualTo(Map.of("v1", 10L, "v2", 1L, "v3", 1L));
        assertThat(snax.profile(counter).block(WAIT).get("hit").count()).isEqualTo(12);
    }

    /** Sends {@code count} posts of {@code hit(name, seq)} at {@code perSecond}, seq 0, 1, 2, ... */
    private static Thread pacedSender(SnaxHandle counter, String name, int count, int perSecond, AtomicInteger refused) {
        Thread t = new Thread(() -> pace(count, perSecond, i -> {
            if (!counter.post("hit", name, (long) i)) {
                refused.incrementAndGet();
            }
        }), "sender-" + name);
        t.start();
        return t;
    }

    /** Runs {@code step} {@code count} times at {@code perSecond}, catching up at once when behind. */
    private static void pace(int count, int perSecond, IntConsumer step) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            step.accept(i);
        }
    }

    @Test
    void underASteadyStreamFromTwoSendersNothingIsLostRepeatedOrReorderedAndInFlightCallsAreAnswered()
            throws Exception {
        SnaxHandle counter = startCounter();
        int perSender = 15_000;
        AtomicInteger refused = new AtomicInteger();
        Queue<String> replies = new ConcurrentLinkedQueue<>();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger asked = new AtomicInteger();

        // two senders at 5,000 messages/s each: 10,000/s for 3 s
        Thread a = pacedSender(counter, "a", perSender, 5_000, refused);
        Thread b = pacedSender(counter, "b", perSender, 5_000, refused);
        // calls whose replies are still owed (a 30 ms sleep in the service) while the code changes
        Thread caller = new Thread(() -> pace(250, 100, i -> {
            asked.incrementAndGet();
            counter.req("slow", 3L).subscribe(v -> replies.add((String) v), errors::add);
        }), "slow-caller");
        caller.start();
        List<HotfixResult> swaps = new ArrayList<>();
        int n = 0;
        while (a.isAlive() || b.isAlive()) {
            long due = System.nanoTime() + 50_000_000L;
            swaps.add(snax.hotfix(counter, n++ % 2 == 0 ? v2 : v3Jar).block(WAIT));
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
        }
        a.join();
        b.join();
        caller.join();

        await().atMost(WAIT).until(() -> counter.req("total", Long.class).block(WAIT) == 2L * perSender);
        Map<String, Object> report = report(counter);
        assertThat(refused.get()).isZero();
        assertThat(report.get("anomalies")).asList().isEmpty();
        assertThat(report.get("next")).isEqualTo(Map.of("a", (long) perSender, "b", (long) perSender));
        @SuppressWarnings("unchecked")
        Map<String, Long> byVersion = (Map<String, Long>) report.get("byVersion");
        assertThat(byVersion.keySet()).containsExactly("v1", "v2", "v3");
        assertThat(byVersion.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2L * perSender);
        assertThat(swaps).hasSizeGreaterThanOrEqualTo(10);

        await().atMost(WAIT).until(() -> replies.size() + errors.size() == asked.get());
        assertThat(errors).isEmpty();
        assertThat(replies).hasSize(250).allMatch(r -> r.matches("slow from v[123]"));
        assertThat(replies).anyMatch(r -> !r.equals("slow from v1"));
        System.out.println("hotfix under 10,000 posts/s: " + swaps.size() + " swaps, pause " + percentiles(swaps));
    }

    @Test
    void hundredSwapsInARowKeepTheStateAndThePauseShort() {
        SnaxHandle counter = startCounter();
        counter.post("hit", "a", 0L);
        List<HotfixResult> swaps = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            swaps.add(snax.hotfix(counter, i % 2 == 0 ? v2 : v3Jar).block(WAIT));
            counter.post("hit", "a", i + 1L);
        }

        Map<String, Object> report = report(counter);
        assertThat(report.get("total")).isEqualTo(101L);
        assertThat(report.get("anomalies")).asList().isEmpty();
        assertThat(counter.req("version").block(WAIT)).isEqualTo("v3");
        long p99 = sortedPauses(swaps).get(98);
        System.out.println("hotfix, 100 swaps: pause " + percentiles(swaps));
        assertThat(Duration.ofNanos(p99)).isLessThan(Duration.ofMillis(100));
    }

    private static List<Long> sortedPauses(List<HotfixResult> swaps) {
        return swaps.stream().map(r -> r.paused().toNanos()).sorted().toList();
    }

    private static String percentiles(List<HotfixResult> swaps) {
        List<Long> p = sortedPauses(swaps);
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us, max %.1f us",
                p.get(p.size() / 2) / 1e3, p.get((int) Math.ceil(p.size() * 0.99) - 1) / 1e3, p.get(p.size() - 1) / 1e3);
    }

    @Test
    void eachFailedUpdateLeavesTheOldCodeRunningAndSaysWhy() throws Exception {
        Map<String, Path> bad = new LinkedHashMap<>();
        bad.put("has no method 'total'", CounterSources.version(tmp.resolve("no-total"), v1,
                counter("v-bad").replace("@Response\n    public long total()", "public long total()")));
        bad.put("changes 'hit': parameter 2 is int where hit(String sender, long seq) takes long",
                CounterSources.version(tmp.resolve("int-seq"), v1,
                        counter("v-bad").replace("hit(String sender, long seq)", "hit(String sender, int seq)")));
        bad.put("changes 'version' from @Response to @Accept", CounterSources.version(tmp.resolve("kind"), v1,
                counter("v-bad").replace("@Response\n    public String version()", "@Accept\n    public String version()")));
        bad.put("moves 'hit' from id 5 to 6 (Lua callers send ids): give it an explicit id, @Accept(id = 5)",
                CounterSources.version(tmp.resolve("moved"), v1,
                        counter("v-bad", "@Response public String aardvark() { return \"a\"; }")));
        bad.put("@Migrate migrate threw IllegalStateException: no way back from v1",
                CounterSources.version(tmp.resolve("migrate-throws"), v1, counter("v-bad",
                        "@Migrate void migrate(Map<String, Object> old) { throw new IllegalStateException(\"no way back from v1\"); }")));
        bad.put("field 'anomalies' holds a java.util.ArrayList (loader bootstrap), which does not fit the new "
                        + "java.util.Set (loader bootstrap): add a @Migrate method",
                CounterSources.version(tmp.resolve("misfit"), v1, counter("v-bad").replace(
                        "private final List<String> anomalies = new ArrayList<>();",
                        "private final Set<String> anomalies = new HashSet<>();")));
        bad.put("returns hot.Tally, loaded again by the hotfix", SourceCompiler.compile(tmp.resolve("tally-again"),
                Map.of(COUNTER, counter("v-bad"), CounterSources.TALLY, CounterSources.TALLY_SOURCE)));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        bad.put("class hot.Counter was not found in " + empty, empty);
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt/hot"));
        Files.write(corrupt.resolve("Counter.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1, 2, 3});
        bad.put("the new version did not load: ClassFormatError", tmp.resolve("corrupt"));
        bad.put("hotfix path " + tmp.resolve("nowhere") + " does not exist", tmp.resolve("nowhere"));
        Path notAJar = Files.writeString(tmp.resolve("notes.txt"), "v2");
        bad.put("is neither a class folder nor a jar", notAJar);

        SnaxHandle counter = startCounter();
        long seq = 0;
        for (Map.Entry<String, Path> e : bad.entrySet()) {
            counter.post("hit", "a", seq++);

            assertThatThrownBy(() -> snax.hotfix(counter, e.getValue()).block(WAIT))
                    .as(e.getKey())
                    .isInstanceOf(HotfixException.class)
                    .hasMessageContaining("call to " + counter.address() + " (counter) command 'hotfix' failed")
                    .hasMessageContaining(e.getKey());

            assertThat(counter.req("version").block(WAIT)).as(e.getKey()).isEqualTo("v1");
            assertThat(counter.req("total", Long.class).block(WAIT)).as(e.getKey()).isEqualTo(seq);
        }
        assertThat(report(counter).get("anomalies")).asList().isEmpty();
        // and a good one still goes through afterwards
        snax.hotfix(counter, v2).block(WAIT);
        assertThat(counter.req("version").block(WAIT)).isEqualTo("v2");
        assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(seq);
    }

    static final String PATCH = """
            package hotpatch;

            import hot.Counter;
            import io.skynetspring.core.snax.*;

            public class Twice {
                @Response
                public static String version(Counter self) {
                    return "patched at " + self.total();
                }

                @Accept
                public void hit(Counter self, String sender, long seq) {
                    self.add(1000);
                }
            }
            """;

    @Test
    void aPatchReplacesNamedMethodsOfTheLiveInstance() {
        SnaxHandle counter = startCounter();
        counter.post("hit", "a", 0L);
        Path patchDir = SourceCompiler.compile(tmp.resolve("patch"), Map.of("hotpatch.Twice", PATCH), v1);

        HotfixResult r = snax.hotfix(counter, patchDir, "hotpatch.Twice").block(WAIT);

        assertThat(r.methods()).containsExactlyInAnyOrder("version", "hit");
        assertThat(r.newClass()).isEqualTo("hotpatch.Twice");
        assertThat(counter.req("version").block(WAIT)).isEqualTo("patched at 1");
        counter.post("hit", "a", 1L);
        assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(1001L);
        // counters belong to the method, whichever code runs it
        assertThat(snax.profile(counter).block(WAIT).get("hit").count()).isEqualTo(2);

        // a class hotfix afterwards replaces the patched methods too
        snax.hotfix(counter, v2).block(WAIT);
        assertThat(counter.req("version").block(WAIT)).isEqualTo("v2");
    }

    @Test
    void aPatchClassAlreadyLoadedWorksAndABadPatchChangesNothing() {
        SnaxHandle counter = startCounter();
        Path patchDir = SourceCompiler.compile(tmp.resolve("patch2"), Map.of("hotpatch.Twice", PATCH), v1);
        Class<?> patch = SourceCompiler.load(new URLClassLoader(new URL[] {url(patchDir)}, v1Loader),
                "hotpatch.Twice");
        Path wrong = SourceCompiler.compile(tmp.resolve("patch-wrong"), Map.of("hotpatch.Wrong", """
                package hotpatch;

                import hot.Counter;
                import io.skynetspring.core.snax.*;

                public class Wrong {
                    @Response
                    public static String version(Counter self) {
                        return "wrong";
                    }

                    @Response
                    public static String versoin(Counter self) {
                        return "typo";
                    }

                    @Accept
                    public static void total(Counter self) {
                    }
                }
                """), v1);

        assertThatThrownBy(() -> snax.hotfix(counter, wrong, "hotpatch.Wrong").block(WAIT))
                .isInstanceOf(HotfixException.class)
                .hasMessageContaining("patch method 'versoin' replaces nothing: snax service counter has no method of that name")
                .hasMessageContaining("patch method 'total' is @Accept but the service's is @Response");
        assertThat(counter.req("version").block(WAIT)).isEqualTo("v1");
        assertThatThrownBy(() -> snax.hotfix(counter, wrong, "hotpatch.Missing").block(WAIT))
                .hasMessageContaining("patch class hotpatch.Missing was not found in " + wrong);

        snax.hotfix(counter, patch).block(WAIT);
        assertThat(counter.req("version").block(WAIT)).isEqualTo("patched at 0");

        // a patch made for the old class does not fit the new one
        snax.hotfix(counter, v2).block(WAIT);
        assertThatThrownBy(() -> snax.hotfix(counter, patch).block(WAIT))
                .hasMessageContaining("patch method 'version' takes a hot.Counter (loader")
                .hasMessageContaining("but the live instance is a hot.Counter (loader snax-hotfix-");
        assertThat(counter.req("version").block(WAIT)).isEqualTo("v2");
    }

    @Test
    void aHotfixProfileOrKillOfAServiceThatIsNotSnaxFailsAtOnce() {
        rt.template("plain", ctx -> (cmd, args) -> null);
        Address plain = rt.newService("plain").block(WAIT);

        SnaxHandle notSnax = snax.handle(plain, "plain");

        assertThatThrownBy(() -> snax.hotfix(notSnax, v2).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("no snax service runs at " + plain);
        assertThatThrownBy(() -> snax.profile(notSnax).block(WAIT)).hasMessageContaining("no snax service runs at");
        assertThatThrownBy(() -> snax.kill(notSnax).block(WAIT)).hasMessageContaining("no snax service runs at");
        assertThat(rt.service(plain)).isPresent();
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}

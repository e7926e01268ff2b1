package io.skynetspring.core.snax;

import java.nio.file.Path;
import java.util.Map;

/**
 * Versions of one snax service, {@code hot.Counter}, as source: it checks that each sender's
 * sequence numbers arrive once and in order, and counts what each version handled.
 */
final class CounterSources {

    static final String COUNTER = "hot.Counter";
    static final String TALLY = "hot.Tally";

    static final String TALLY_SOURCE = """
            package hot;

            public record Tally(long total) {
            }
            """;

    private static final String TEMPLATE = """
            package hot;

            import io.skynetspring.core.service.ServiceContext;
            import io.skynetspring.core.snax.*;
            import reactor.core.publisher.Mono;
            import java.util.*;

            @SnaxService("counter")
            public class Counter {
                private final ServiceContext ctx;
                private final Map<String, Long> next = new HashMap<>();
                private final List<String> anomalies = new ArrayList<>();
                private final Map<String, Long> byVersion = new TreeMap<>();
                private long total;

                public Counter(ServiceContext ctx) {
                    this.ctx = ctx;
                }

                @Accept
                public void hit(String sender, long seq) {
                    long expected = next.getOrDefault(sender, 0L);
                    if (seq != expected && anomalies.size() < 100) {
                        anomalies.add(sender + " sent " + seq + " where " + expected + " was next");
                    }
                    next.put(sender, seq + 1L);
                    total++;
                    byVersion.merge("@VERSION@", 1L, Long::sum);
                }

                @Response
                public String version() {
                    return "@VERSION@";
                }

                @Response
                public long total() {
                    return total;
                }

                @Response
                public Tally tally() {
                    return new Tally(total);
                }

                @Response
                public Map<String, Object> report() {
                    return Map.of("total", total, "next", new HashMap<>(next), "anomalies", new ArrayList<>(anomalies),
                            "byVersion", new TreeMap<>(byVersion));
                }

                @Response
                public Mono<String> slow(long centis) {
                    return ctx.sleep(centis).thenReturn("slow from @VERSION@");
                }

                /** Not a snax method: what a patch may use. */
                public void add(long n) {
                    total += n;
                }

                @@EXTRA@@
            }
            """;

    static final String MIGRATE = """
            @Migrate
            @SuppressWarnings("unchecked")
            void migrate(Map<String, Object> old) {
                next.putAll((Map<String, Long>) old.get("next"));
                anomalies.addAll((List<String>) old.get("anomalies"));
                byVersion.putAll((Map<String, Long>) old.get("byVersion"));
                total = (Long) old.get("total");
            }
            """;

    private CounterSources() {
    }

    static String counter(String version) {
        return counter(version, "");
    }

    static String counter(String version, String extra) {
        return TEMPLATE.replace("@VERSION@", version).replace("@@EXTRA@@", extra);
    }

    /** v1, as the application shipped it: the counter and its Tally record. */
    static Path v1(Path dir) {
        return SourceCompiler.compile(dir, Map.of(COUNTER, counter("v1"), TALLY, TALLY_SOURCE));
    }

    /** A new version of the counter alone, built against v1 (so Tally stays the running one). */
    static Path version(Path dir, Path v1, String source) {
        return SourceCompiler.compile(dir, Map.of(COUNTER, source), v1);
    }
}

package io.skynetspring.benchmarks.data;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.cache.CacheApplication;
import io.skynetspring.samples.dbproxy.DbProxyApplication;
import io.skynetspring.samples.dbproxy.player.Player;
import io.skynetspring.samples.dbproxy.player.PlayerStore;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * {@code get_player} through the {@code db_proxy} service against {@code PlayerStore.find} (the same
 * JdbcClient query and JSON parse) on the caller's thread, and cache {@code get} through the
 * {@code cache} service against the reactive template's {@code get}: 64 closed-loop callers each,
 * rounds alternated so that a busy machine slows both paths alike. Real MariaDB and Redis, addresses
 * from SKYNET_DB_* and SKYNET_REDIS_*; its own database and key prefix, removed afterwards.
 *
 * <pre>{@code skynet-benchmarks/data-load.sh}</pre>
 */
public final class DataLoad {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PLAYERS = 1000;
    private static final int KEYS = 1000;

    private DataLoad() {
    }

    public static void main(String[] args) throws Exception {
        int callers = Integer.parseInt(env("DATA_LOAD_CALLERS", "64"));
        Duration round = Duration.ofSeconds(Long.parseLong(env("DATA_LOAD_SECONDS", "15")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(env("DATA_LOAD_WARMUP", "10")));
        String database = "skynet_bench_" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "skynet-bench:" + UUID.randomUUID().toString().substring(0, 8) + ":";

        try (ConfigurableApplicationContext context = node(database, prefix)) {
            Skynet skynet = context.getBean(Skynet.class);
            PlayerStore store = context.getBean(PlayerStore.class);
            ReactiveStringRedisTemplate redis = context.getBean(ReactiveStringRedisTemplate.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            try {
                seed(skynet, redis, prefix);
                System.out.printf("%d callers, %d s rounds (2 per path, alternated) after %d s warm-up per path; %d players, %d keys%n%n",
                        callers, round.toSeconds(), warmup.toSeconds(), PLAYERS, KEYS);
                System.out.println(LoadScore.header());
                String only = env("DATA_LOAD_ONLY", "");
                List<LoadScore> db = only.equals("cache") ? null : compare(callers, warmup, round,
                        "get_player via db_proxy", id -> skynet.call(".db_proxy", "get_player", Player.class, id).block(WAIT),
                        "get_player direct (JdbcClient)", id -> store.find(id));
                List<LoadScore> cache = only.equals("db") ? null : compare(callers, warmup, round,
                        "cache get via cache service", id -> skynet.call(".cache", "get", String.class, "k" + id).block(WAIT),
                        "cache get direct (reactive template)", id -> redis.opsForValue().get(prefix + "k" + id).block(WAIT));
                System.out.println();
                if (db != null) {
                    ratio("get_player", db);
                }
                if (cache != null) {
                    ratio("cache get", cache);
                }
            } finally {
                jdbc.sql("DROP DATABASE IF EXISTS " + database).update();
                redis.delete(redis.scan(ScanOptions.scanOptions()
                        .match(prefix + "*").count(1000).build())).block(WAIT);
            }
        }
    }

    /** db_proxy and cache in one node, configured here rather than by either app's application.yml. */
    private static ConfigurableApplicationContext node(String database, String prefix) {
        String db = "jdbc:mariadb://" + env("SKYNET_DB_HOST", "127.0.0.1") + ":" + env("SKYNET_DB_PORT", "3306")
                + "/" + database + "?createDatabaseIfNotExist=true&connectTimeout=2000&socketTimeout=4000";
        return new SpringApplicationBuilder(DbProxyApplication.class, CacheApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.ofEntries(
                        Map.entry("spring.config.name", "data-load"),
                        Map.entry("spring.main.keep-alive", "false"),
                        Map.entry("spring.datasource.url", db),
                        Map.entry("spring.datasource.username", env("SKYNET_DB_USER", "root")),
                        Map.entry("spring.datasource.password", env("SKYNET_DB_PASSWORD", "")),
                        Map.entry("spring.data.redis.host", env("SKYNET_REDIS_HOST", "127.0.0.1")),
                        Map.entry("spring.data.redis.port", env("SKYNET_REDIS_PORT", "6379")),
                        Map.entry("spring.data.redis.timeout", "2s"),
                        Map.entry("cache.key-prefix", prefix),
                        Map.entry("skynet.bootstrap[0].name", "db_proxy"),
                        Map.entry("skynet.bootstrap[0].unique", "true"),
                        Map.entry("skynet.bootstrap[0].register", ".db_proxy"),
                        Map.entry("skynet.bootstrap[1].name", "cache"),
                        Map.entry("skynet.bootstrap[1].unique", "true"),
                        Map.entry("skynet.bootstrap[1].register", ".cache")))
                .run();
    }

    private static void seed(Skynet skynet, ReactiveStringRedisTemplate redis, String prefix) {
        for (int id = 1; id <= PLAYERS; id++) {
            skynet.call(".db_proxy", "create_player", Map.of("id", id, "name", "player" + id, "level", id % 60,
                    "bag", List.of("sword", "shield", "potion"))).block(WAIT);
        }
        for (int k = 1; k <= KEYS; k++) {
            redis.opsForValue().set(prefix + "k" + k, "{\"hp\":100,\"mp\":40,\"name\":\"player" + k + "\"}",
                    Duration.ofHours(1)).block(WAIT);
        }
    }

    private static List<LoadScore> compare(int callers, Duration warmup, Duration round,
                                           String viaName, IntFunction<Object> via,
                                           String directName, IntFunction<Object> direct) throws InterruptedException {
        AtomicLong ignored = new AtomicLong();
        LoadRound.run(callers, KEYS, warmup, via, ignored);
        LoadRound.run(callers, KEYS, warmup, direct, ignored);
        AtomicLong viaErrors = new AtomicLong();
        AtomicLong directErrors = new AtomicLong();
        List<long[]> viaRounds = new ArrayList<>();
        List<long[]> directRounds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            viaRounds.add(LoadRound.run(callers, KEYS, round, via, viaErrors));
            directRounds.add(LoadRound.run(callers, KEYS, round, direct, directErrors));
        }
        double seconds = 2.0 * round.toNanos() / 1e9;
        LoadScore v = LoadScore.of(viaName, viaErrors.get(), seconds, merged(viaRounds));
        LoadScore d = LoadScore.of(directName, directErrors.get(), seconds, merged(directRounds));
        System.out.println(v.row());
        System.out.println(d.row());
        return List.of(v, d);
    }

    private static long[] merged(List<long[]> rounds) {
        long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static void ratio(String what, List<LoadScore> pair) {
        LoadScore via = pair.get(0);
        LoadScore direct = pair.get(1);
        System.out.printf("%s: service/direct throughput %.2fx (target >= 0.80x), p99 %,d µs vs %,d µs%n",
                what, via.perSecond() / direct.perSecond(), via.p99Micros(), direct.p99Micros());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

package io.skynetspring.samples.cache;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.cache.redis.RedisLink;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Seed 9.3, cache_service.lua: Redis behind skynet commands, through the reactive template. A command
 * returns the template's {@code Mono} unchained, so no service code runs after Redis answers and the
 * runtime replies straight from Lettuce's thread, one mailbox trip less than bringing the answer home
 * first; the hit and miss counts, updated on that thread, are atomic for that reason. Nothing is
 * retried here, so nothing is written twice. On a node of a cluster other nodes call it as {@code @cache}.
 *
 * <pre>{@code skynet.call(".cache", "set", "player:1", Map.of("hp", 100), 60).block()}</pre>
 */
@SkynetService(value = "cache", clusterName = "cache")
public class CacheService {

    private final ReactiveStringRedisTemplate redis;
    private final RedisLink link;
    private final CacheValues values;
    private final Failures failures;
    private final String prefix;
    private final long defaultExpire;

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public CacheService(ReactiveStringRedisTemplate redis, RedisLink link, CacheValues values,
                        CacheProperties properties) {
        this.redis = redis;
        this.link = link;
        this.values = values;
        this.failures = new Failures(link);
        this.prefix = properties.getKeyPrefix();
        this.defaultExpire = properties.getDefaultExpire().toSeconds();
    }

    /** The value, or nil when the key is missing or expired. */
    @Command
    public Mono<String> get(String key) {
        return redis(() -> redis.opsForValue().get(key(key)))
                .doOnNext(v -> hits.incrementAndGet())
                .doOnSuccess(v -> {
                    if (v == null) {
                        misses.incrementAndGet();
                    }
                });
    }

    /** Stores the value for {@code expire} seconds (default 3600, as the seed); replies "OK". */
    @Command
    public Mono<String> set(String key, Object value, long... expire) {
        long seconds = expire.length == 0 ? defaultExpire : expire[0];
        if (seconds <= 0) {
            throw new ServiceException("expire must be a positive number of seconds, got " + seconds);
        }
        String text = values.encode(value);
        return redis(() -> redis.opsForValue().set(key(key), text, Duration.ofSeconds(seconds))).map(ok -> "OK");
    }

    /** Deletes the keys; replies how many existed. */
    @Command
    public Mono<Long> del(String... keys) {
        return redis(() -> redis.delete(Arrays.stream(keys).map(this::key).toArray(String[]::new)));
    }

    /** Adds one to the number at {@code key} (0 when missing); replies the new value. */
    @Command
    public Mono<Long> incr(String key) {
        return redis(() -> redis.opsForValue().increment(key(key)));
    }

    /** The values of the keys, in order, nil for a missing one. */
    @Command
    public Mono<List<String>> mget(String... keys) {
        return redis(() -> redis.opsForValue().multiGet(Arrays.stream(keys).map(this::key).toList()));
    }

    /** Sets a key's time to live in seconds; replies false when the key is missing. */
    @Command
    public Mono<Boolean> expire(String key, long seconds) {
        return redis(() -> redis.expire(key(key), Duration.ofSeconds(seconds)));
    }

    /** Seconds left to live, as Redis says it: -1 without expiry, -2 when the key is missing. */
    @Command
    public Mono<Long> ttl(String key) {
        ByteBuffer raw = ByteBuffer.wrap(key(key).getBytes(StandardCharsets.UTF_8));
        return redis(() -> redis.execute(c -> c.keyCommands().ttl(raw)).next());
    }

    /** This instance's counts: get hits and misses, and commands refused while Redis was down. */
    @Command
    public Map<String, Long> stats() {
        return Map.of("hits", hits.get(), "misses", misses.get(), "refused", refused.get());
    }

    private <T> Mono<T> redis(Supplier<Mono<T>> command) {
        if (!link.isUp()) {
            refused.incrementAndGet();
            return Mono.error(failures.refused());
        }
        return Mono.defer(command).onErrorMap(failures::describe);
    }

    private String key(String key) {
        if (key == null || key.isEmpty()) {
            throw new ServiceException("key is missing");
        }
        return prefix + key;
    }
}

package io.skynetspring.samples.cache;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.UUID;

/**
 * A key prefix of its own for one test class on the shared Redis, and the clean-up of every key
 * under it.
 *
 * <pre>{@code static final KeyPrefix keys = KeyPrefix.fresh("commands");}</pre>
 */
final class KeyPrefix {

    private final String prefix;

    private KeyPrefix(String prefix) {
        this.prefix = prefix;
    }

    static KeyPrefix fresh(String purpose) {
        return new KeyPrefix("skynet-test:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    String value() {
        return prefix;
    }

    /** Deletes every key under the prefix; how many there were. */
    long clean(ReactiveStringRedisTemplate redis) {
        Long n = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())
                .collectList()
                .flatMap(keys -> keys.isEmpty() ? Mono.just(0L)
                        : redis.delete(keys.toArray(String[]::new)))
                .block(Duration.ofSeconds(10));
        return n == null ? 0 : n;
    }
}

package io.skynetspring.samples.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's cache node (6.1): {@code get(key)} and {@code set(key, value)} in this service's memory.
 * Node {@code cache} starts it as {@code .cache}; the game nodes call it by that name.
 *
 * <pre>{@code cluster.call("cache", ".cache", "get", "player_1001").block();}</pre>
 */
@SkynetService("cache")
public class CacheService {

    /** Most keys held; past it the least recently used key is dropped, as a cache does. */
    static final int MAX_KEYS = 10_000;

    private final Map<String, Object> values = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** The value, or nil when the key is missing. */
    @Command
    public Object get(String key) {
        return values.get(checked(key));
    }

    /** Stores the value (nil deletes the key); replies "OK". */
    @Command
    public String set(String key, Object value) {
        if (value == null) {
            values.remove(checked(key));
        } else {
            values.put(checked(key), value);
        }
        return "OK";
    }

    private static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new ServiceException("key is missing: call get(key) or set(key, value) with a non-empty string");
        }
        return key;
    }
}

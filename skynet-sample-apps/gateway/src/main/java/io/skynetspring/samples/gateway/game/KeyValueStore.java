package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.gateway.GatewayProperties;

import java.util.HashMap;
import java.util.Map;

/**
 * The store behind skynet's example {@code get}/{@code set} ({@code simpledb} there): one per node,
 * shared by every client, so a {@code get} returns what any client {@code set}. At most
 * {@code gateway.max-keys} keys; a new key past that is refused.
 *
 * <pre>{@code skynet.call(kv, "set", "hello", "world");  skynet.call(kv, "get", String.class, "hello")}</pre>
 */
@SkynetService("simpledb")
public class KeyValueStore {

    private final Map<String, String> values = new HashMap<>();
    private final int maxKeys;

    public KeyValueStore(GatewayProperties properties) {
        this.maxKeys = properties.getMaxKeys();
    }

    @Command
    public String get(String key) {
        return values.get(key);
    }

    /** Stores {@code value} (null removes the key); returns the value it replaced. */
    @Command
    public String set(String key, String value) {
        if (value == null) {
            return values.remove(key);
        }
        if (values.size() >= maxKeys && !values.containsKey(key)) {
            throw new ServiceException("the store holds " + maxKeys + " keys (gateway.max-keys); set an existing key");
        }
        return values.put(key, value);
    }
}

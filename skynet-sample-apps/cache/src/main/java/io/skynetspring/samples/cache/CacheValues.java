package io.skynetspring.samples.cache;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/**
 * What {@code set} stores: a string as it is, a number as Lua prints it (so {@code incr} works on
 * it), anything else (tables, booleans) as JSON; refuses values over {@code cache.max-value-bytes}.
 *
 * <pre>{@code String stored = values.encode(Map.of("hp", 100));   // {"hp":100}}</pre>
 */
@Component
public class CacheValues {

    private final JsonMapper json;
    private final int maxBytes;

    public CacheValues(JsonMapper json, CacheProperties properties) {
        this.json = json;
        this.maxBytes = properties.getMaxValueBytes();
    }

    public String encode(Object value) {
        if (value == null) {
            throw new ServiceException("value is missing: set(key, value[, expire]); use del to remove a key");
        }
        String text = value instanceof String s ? s
                : value instanceof Number n ? LuaValues.numberToString(n)
                : json.writeValueAsString(value);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new ServiceException("value too large: " + bytes + " bytes, at most " + maxBytes
                    + " (cache.max-value-bytes)");
        }
        return text;
    }
}

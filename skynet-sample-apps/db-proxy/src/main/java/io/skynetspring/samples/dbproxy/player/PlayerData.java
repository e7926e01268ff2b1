package io.skynetspring.samples.dbproxy.player;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.dbproxy.DbProxyProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON of the {@code data} column, written and read with Boot's {@link JsonMapper}; refuses data
 * over {@code db-proxy.max-data-bytes} before it reaches the database.
 *
 * <pre>{@code String text = playerData.write(Map.of("name", "alice"));}</pre>
 */
@Component
public class PlayerData {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final int maxBytes;

    public PlayerData(JsonMapper json, DbProxyProperties properties) {
        this.json = json;
        this.maxBytes = properties.getMaxDataBytes();
    }

    public String write(Map<?, ?> data) {
        if (data == null) {
            throw new ServiceException("player data is missing: pass a table of fields");
        }
        String text = json.writeValueAsString(data);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new ServiceException("player data too large: " + bytes + " bytes of JSON, at most " + maxBytes
                    + " (db-proxy.max-data-bytes)");
        }
        return text;
    }

    public Map<String, Object> read(String text) {
        return json.readValue(text, MAP);
    }
}

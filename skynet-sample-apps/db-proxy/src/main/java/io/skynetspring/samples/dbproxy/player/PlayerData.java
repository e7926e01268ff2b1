package io.skynetspring.samples.dbproxy.player;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.dbproxy.DbProxyProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * A digest of a command's arguments, the same for equal data whatever the order of its keys: it
     * tells a retry (same key, same arguments) from a key reused for another request.
     */
    public String fingerprint(String command, long id, Map<?, ?> data) {
        String canonical = command + "\n" + id + "\n"
                + json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(data);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Map<String, Object> read(String text) {
        return json.readValue(text, MAP);
    }
}

package io.skynetspring.samples.dbproxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the {@code db_proxy} service.
 *
 * <pre>{@code db-proxy.max-data-bytes=65536}</pre>
 */
@ConfigurationProperties("db-proxy")
public class DbProxyProperties {

    /** Largest player data, as JSON text in UTF-8, that save_player and create_player accept. */
    private int maxDataBytes = 64 * 1024;

    /** Most players one list_players page returns. */
    private int maxPageSize = 100;

    /** Commands that may wait for a JDBC thread; more are refused at once with "db_proxy busy". */
    private int maxQueued = 10_000;

    public int getMaxQueued() {
        return maxQueued;
    }

    public void setMaxQueued(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    public int getMaxDataBytes() {
        return maxDataBytes;
    }

    public void setMaxDataBytes(int maxDataBytes) {
        this.maxDataBytes = maxDataBytes;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }
}

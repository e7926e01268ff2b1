package io.skynetspring.samples.dbproxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

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

    /** Commands that may wait for a JDBC thread; more are refused at once with "unavailable: db_proxy busy". */
    private int maxQueued = 10_000;

    /**
     * Longest a command may wait for a JDBC thread; one that waited longer is answered "unavailable"
     * without touching the database, so its caller hears back before its call deadline.
     */
    private Duration maxQueueWait = Duration.ofSeconds(1);

    /** While the database is known down, one command per interval goes through to see whether it is back. */
    private Duration probeInterval = Duration.ofSeconds(1);

    /** How long the request key of an applied write is kept, so a retry within it answers from the first attempt. */
    private Duration requestKeyTtl = Duration.ofHours(24);

    public Duration getMaxQueueWait() {
        return maxQueueWait;
    }

    public void setMaxQueueWait(Duration maxQueueWait) {
        this.maxQueueWait = maxQueueWait;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }

    public Duration getRequestKeyTtl() {
        return requestKeyTtl;
    }

    public void setRequestKeyTtl(Duration requestKeyTtl) {
        this.requestKeyTtl = requestKeyTtl;
    }

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

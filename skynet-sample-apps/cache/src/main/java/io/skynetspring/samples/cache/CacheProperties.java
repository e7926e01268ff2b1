package io.skynetspring.samples.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code cache} service's settings.
 *
 * <pre>{@code cache.key-prefix=game:  cache.max-value-bytes=1048576}</pre>
 */
@ConfigurationProperties("cache")
public class CacheProperties {

    /** Put before every key, so several apps (or tests) can share one Redis without meeting. */
    private String keyPrefix = "";

    /** Expiry of a set that names none, as the seed's {@code expire or 3600}. */
    private Duration defaultExpire = Duration.ofSeconds(3600);

    /** Largest value, in UTF-8 bytes, that set accepts. */
    private int maxValueBytes = 1024 * 1024;

    /** How often a lost Redis is probed until it answers again. */
    private Duration probeInterval = Duration.ofMillis(500);

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getDefaultExpire() {
        return defaultExpire;
    }

    public void setDefaultExpire(Duration defaultExpire) {
        this.defaultExpire = defaultExpire;
    }

    public int getMaxValueBytes() {
        return maxValueBytes;
    }

    public void setMaxValueBytes(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }
}

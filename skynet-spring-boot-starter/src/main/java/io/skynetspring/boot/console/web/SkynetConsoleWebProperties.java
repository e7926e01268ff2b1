package io.skynetspring.boot.console.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The live console page under {@code skynet.console.web.*}: off unless enabled; served at
 * {@code {management.endpoints.web.base-path}/skynet-console} by WebFlux applications.
 *
 * <pre>{@code skynet.console.web.enabled=true}</pre>
 */
@ConfigurationProperties("skynet.console.web")
public class SkynetConsoleWebProperties {

    /** Whether to serve the read-only live console page and its snapshot and stream. */
    private boolean enabled = false;

    /** Time between two snapshots of a stream (at least 100ms); rates are counted over it. */
    private Duration interval = Duration.ofSeconds(1);

    /** Streams open at once over all clients; one more is refused with 503. */
    private int maxStreams = 16;

    /** Rows of one snapshot (the busiest services first); totals always cover every service. */
    private int maxServices = 500;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getMaxStreams() {
        return maxStreams;
    }

    public void setMaxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    public int getMaxServices() {
        return maxServices;
    }

    public void setMaxServices(int maxServices) {
        this.maxServices = maxServices;
    }
}

package io.skynetspring.samples.gateway;

import io.skynetspring.boot.SkynetProperties;
import io.skynetspring.core.Skynet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Logs every player out when the app stops, first of all: each client hears
 * {@code kick "the server is shutting down"} and each player is saved while the gates, the cluster
 * (with {@code gateway.data=cluster}) and the runtime still run. Waits at most {@code skynet.shutdown-grace}.
 *
 * <pre>{@code gateway: stopping: players saved: 120, not saved: 0}</pre>
 */
@Component
class GatewayShutdown implements SmartLifecycle {

    /** Stops before the WebSocket gate ({@code DEFAULT_PHASE - 512}), the web server, the cluster and the runtime. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 256;

    private static final Logger log = LoggerFactory.getLogger(GatewayShutdown.class);

    private final Skynet skynet;
    private final SkynetProperties skynetProperties;
    private volatile boolean running;

    GatewayShutdown(Skynet skynet, SkynetProperties skynetProperties) {
        this.skynet = skynet;
        this.skynetProperties = skynetProperties;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            Map<?, ?> saved = skynet.call(".world", "shutdown", Map.class).block(skynetProperties.getShutdownGrace());
            if (saved != null) {
                log.info("gateway: stopping: players saved: {}, not saved: {}", saved.get("saved"), saved.get("failed"));
            }
        } catch (RuntimeException e) {
            log.warn("gateway: stopping: the players online were not all saved within {} ms: {}",
                    skynetProperties.getShutdownGrace().toMillis(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

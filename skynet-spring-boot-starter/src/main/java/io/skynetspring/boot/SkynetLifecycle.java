package io.skynetspring.boot;

import io.skynetspring.core.SkynetRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Ties the runtime to the application context: the {@code skynet.bootstrap} services start when the
 * context has refreshed; on close the runtime refuses new messages from outside, drains mailboxes
 * within {@code skynet.shutdown-grace} and runs every service's {@code @Exit}, before any bean is
 * destroyed.
 *
 * <pre>{@code context.close();   // services drained and exited, then beans destroyed}</pre>
 */
public class SkynetLifecycle implements SmartLifecycle {

    /**
     * Starts before the web server and stops after it (Boot's web server lifecycles use
     * {@code DEFAULT_PHASE - 1024} and {@code - 2048}), so requests in flight can still reach services.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(SkynetLifecycle.class);

    private final SkynetRuntime runtime;
    private final SkynetProperties properties;
    private volatile boolean running;

    public SkynetLifecycle(SkynetRuntime runtime, SkynetProperties properties) {
        this.runtime = runtime;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        Bootstrap.start(runtime, properties.getBootstrap(), runtime.settings().callTimeout());
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        log.info("skynet: closing; new messages from outside are refused, draining mailboxes (grace {} ms)",
                properties.getShutdownGrace().toMillis());
        try {
            runtime.shutdown(properties.getShutdownGrace());
        } finally {
            running = false;
        }
        log.info("skynet: stopped");
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

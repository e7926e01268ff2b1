package io.skynetspring.core.socket;

import io.skynetspring.core.service.ServiceContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared driver of each runtime. The core offers no per-runtime attribute, so a runtime is
 * recognised by an env entry this class sets on first use ({@value #ENV_KEY}); the driver closes
 * itself once no live service uses it, which is how it ends with its runtime.
 */
final class NodeDrivers {

    static final String ENV_KEY = "skynet.socket.driver";

    private static final Map<String, SocketDriver> DRIVERS = new HashMap<>();
    private static final AtomicLong KEYS = new AtomicLong();

    private NodeDrivers() {
    }

    static synchronized Sockets handle(ServiceContext ctx) {
        String key = keyOf(ctx);
        SocketDriver driver = DRIVERS.get(key);
        if (driver == null || driver.isClosed()) {
            driver = new SocketDriver(SocketOptions.defaults(), key);
            DRIVERS.put(key, driver);
        }
        return driver.handle(ctx);
    }

    /** Closes {@code driver} if no live service uses it; under the same lock as {@link #handle}. */
    static synchronized boolean releaseIfIdle(String key, SocketDriver driver) {
        if (!driver.idle()) {
            return false;
        }
        DRIVERS.remove(key, driver);
        driver.close();
        return true;
    }

    static synchronized void forget(String key, SocketDriver driver) {
        DRIVERS.remove(key, driver);
    }

    private static String keyOf(ServiceContext ctx) {
        String key = ctx.getenv(ENV_KEY);
        if (key != null) {
            return key;
        }
        key = "driver-" + KEYS.incrementAndGet();
        try {
            ctx.setenv(ENV_KEY, key);
            return key;
        } catch (IllegalStateException raced) {
            return ctx.getenv(ENV_KEY);
        }
    }
}

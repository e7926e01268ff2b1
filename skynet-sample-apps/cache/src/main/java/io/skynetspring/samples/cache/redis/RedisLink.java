package io.skynetspring.samples.cache.redis;

import io.skynetspring.samples.cache.CacheProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether Redis is reachable, and the one place that reconnects. While it is down the cache
 * service answers "unavailable" at once instead of touching the connection factory: Spring Data
 * Redis opens its shared connection synchronously on first use, and that must not happen on a
 * skynet worker. A probe thread resets the connection and pings until Redis answers again.
 *
 * <pre>{@code if (!link.isUp()) throw new ServiceException("unavailable: " + link.describe());}</pre>
 */
@Component
public class RedisLink implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final ReactiveStringRedisTemplate template;
    private final ReactiveRedisConnectionFactory factory;
    private final Duration interval;
    private final AtomicBoolean probing = new AtomicBoolean();
    private ScheduledExecutorService prober;
    private volatile boolean up;
    private volatile boolean running;
    private volatile String lastFailure = "not connected yet";

    public RedisLink(ReactiveStringRedisTemplate template, ReactiveRedisConnectionFactory factory,
                     CacheProperties properties) {
        this.template = template;
        this.factory = factory;
        this.interval = properties.getProbeInterval();
    }

    public boolean isUp() {
        return up;
    }

    /** Why commands are refused: the last failure seen. */
    public String describe() {
        return "redis cannot be reached (" + lastFailure + "); reconnecting every " + interval.toMillis() + " ms";
    }

    /** A command failed in a way that means the connection is gone: refuse commands and start probing. */
    public void lost(Throwable cause) {
        lastFailure = String.valueOf(cause.getMessage());
        if (up) {
            up = false;
            log.warn("redis link lost: {}", lastFailure);
        }
        probeLater(Duration.ZERO);
    }

    @Override
    public void start() {
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-link");
            t.setDaemon(true);
            return t;
        });
        running = true;
        // the first probe runs here, so the service is not refused for the few ms after start
        probing.set(true);
        probe();
    }

    @Override
    public void stop() {
        running = false;
        prober.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void probeLater(Duration delay) {
        if (running && probing.compareAndSet(false, true)) {
            prober.schedule(this::probe, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        try {
            // a connection that lost bytes may pair later replies with the wrong commands: start afresh
            if (factory instanceof LettuceConnectionFactory lettuce) {
                lettuce.resetConnection();
            }
            template.execute(c -> c.ping()).next().block(interval.plusSeconds(2));
            up = true;
            probing.set(false);
            log.info("redis link up");
        } catch (RuntimeException e) {
            lastFailure = String.valueOf(e.getMessage());
            probing.set(false);
            if (running) {
                probeLater(interval);
            }
        }
    }
}

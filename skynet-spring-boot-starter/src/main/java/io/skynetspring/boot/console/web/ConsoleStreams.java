package io.skynetspring.boot.console.web;

import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's Server-Sent Event streams: at most {@code max} open at once, each one
 * {@code snapshot} event per interval until its client goes (Reactor Netty cancels it when the
 * connection closes) or the application stops. A stream that cannot keep up skips snapshots
 * rather than queueing them.
 *
 * <pre>{@code streams.open().map(flux -> ok(flux)).orElseGet(() -> status(503))}</pre>
 */
public final class ConsoleStreams implements SmartLifecycle {

    /** Ends the streams before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) waits for them. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    /** What a browser's EventSource waits before it reconnects after the stream ended. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final ConsoleSampler sampler;
    private final Duration interval;
    private final int max;
    private final IncidentLog incidents;
    private final AtomicInteger open = new AtomicInteger();
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private volatile boolean running;

    public ConsoleStreams(ConsoleSampler sampler, Duration interval, int max, IncidentLog incidents) {
        this.sampler = sampler;
        this.interval = interval;
        this.max = max;
        this.incidents = incidents;
    }

    /** A new stream, or empty when {@code max} are open (counted as {@code console.stream.refused}). */
    public Optional<Flux<ServerSentEvent<ConsoleSnapshot>>> open() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            incidents.warn("console.stream.refused", Address.NONE,
                    "skynet console: refused a stream, {} are open; raise skynet.console.web.max-streams", max);
            return Optional.empty();
        }
        // Flux.interval ticks on the parallel (CPU) scheduler, where the sampling runs too
        Flux<ServerSentEvent<ConsoleSnapshot>> events = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.builder(sampler.current()).event("snapshot").retry(RETRY).build())
                .takeUntilOther(closing.asMono())
                .doFinally(signal -> open.decrementAndGet());
        return Optional.of(events);
    }

    /** Streams open now. */
    public int openStreams() {
        return open.get();
    }

    public int max() {
        return max;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        closing.tryEmitEmpty();
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

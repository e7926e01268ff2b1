package io.skynetspring.core.service;

import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * skynet's {@code skynet.request()}: several calls sent together, replies streamed as they arrive.
 *
 * <pre>{@code
 * BatchRequest req = ctx.request();
 * for (Address s : shards) req.add(s, "query", key);
 * req.select(Duration.ofSeconds(3)).collectList()...
 * }</pre>
 */
public interface BatchRequest {

    /** Adds a call; returns this batch. Calls are sent when {@link #select} is invoked. */
    BatchRequest add(Address target, String command, Object... args);

    BatchRequest add(String target, String command, Object... args);

    /**
     * Sends every call and streams replies as they complete. Calls to invalid targets come first,
     * failed. At the deadline the stream completes, {@link #timedOut()} becomes true and the
     * remaining calls are abandoned (their late replies are dropped).
     */
    Flux<BatchReply> select(Duration timeout);

    /** {@link #select(Duration)} with the deadline in centiseconds, as skynet's {@code req:select(timeout)}. */
    default Flux<BatchReply> select(long centiseconds) {
        return select(Duration.ofMillis(centiseconds * 10));
    }

    /** Whether the last {@link #select} stopped at its deadline with replies outstanding. */
    boolean timedOut();

    /** Abandons the outstanding calls now. */
    void close();
}

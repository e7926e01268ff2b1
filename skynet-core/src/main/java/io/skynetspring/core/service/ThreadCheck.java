package io.skynetspring.core.service;

/**
 * What a {@link ServiceContext} method does when it is called from a thread that is not its
 * service's own drain: code chained after a foreign publisher (Reactor's {@code timeout},
 * {@code delayElements}, a WebClient, a Lettuce reply) runs on that publisher's thread, outside
 * the service, where touching the service's state races with its handlers.
 *
 * <pre>{@code new NodeSettings(...).withThreadCheck(ThreadCheck.WARN)}</pre>
 */
public enum ThreadCheck {
    /** Throw an {@link IllegalStateException} naming the method, the thread and the fix (the default). */
    FAIL,
    /** Log a warning with the stack (rate-limited, counted as {@code service.foreign.thread}) and go on. */
    WARN,
    /** Check nothing. */
    OFF
}

package io.skynetspring.core.service;

import java.util.Locale;

/**
 * How a call ended, as counted for the template of the service that was called.
 *
 * <pre>{@code template.calls(CallOutcome.TIMEOUT)}</pre>
 */
public enum CallOutcome {
    /** A reply (a value or empty). */
    OK,
    /** An error reply, a refusal (mailbox full, dead target) or the runtime shutting down. */
    ERROR,
    /** No reply before the deadline. */
    TIMEOUT;

    private final String tag = name().toLowerCase(Locale.ROOT);

    public String tag() {
        return tag;
    }
}

package io.skynetspring.samples.basics.scheduling;

/** The outcome of {@code wait_event}, Lua's {@code ok, data}: ok false means the wait timed out. */
public record EventResult(boolean ok, Object data) {

    static final EventResult TIMEOUT = new EventResult(false, null);
}

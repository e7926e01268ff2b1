package io.skynetspring.samples.basics.tour;

import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** A call's outcome as the tour logs it: the reply, or "error: " and the reason the caller got. */
record Outcome(Object value, Throwable error) {

    static final Duration WAIT = Duration.ofSeconds(5);

    static Outcome of(Mono<?> call) {
        try {
            return new Outcome(call.block(WAIT), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e);
        }
    }

    @Override
    public String toString() {
        if (error == null) {
            return String.valueOf(value);
        }
        return "error: " + (error instanceof ServiceException se && se.reason() != null ? se.reason() : error.getMessage());
    }
}

package io.skynetspring.samples.cache;

import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;

/** What a caller sees of a failed call. */
final class Calls {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Calls() {
    }

    static ServiceException failure(Mono<?> call) {
        try {
            Object reply = call.block(WAIT);
            return fail("expected an error reply, got " + reply);
        } catch (ServiceException e) {
            return e;
        }
    }
}

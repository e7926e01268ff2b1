package io.skynetspring.samples.testsupport;

import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;

/** What a caller sees of a failed call. */
public final class Calls {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private Calls() {
    }

    public static ServiceException failure(Mono<?> call) {
        try {
            Object reply = call.block(WAIT);
            return fail("expected an error reply, got " + reply);
        } catch (ServiceException e) {
            return e;
        }
    }
}

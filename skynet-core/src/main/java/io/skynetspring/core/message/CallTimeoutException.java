package io.skynetspring.core.message;

import io.skynetspring.core.service.Address;

import java.time.Duration;

/** A call got no reply within its deadline. The late reply, if it comes, is dropped and counted. */
public class CallTimeoutException extends ServiceException {

    private final Duration timeout;

    public CallTimeoutException(Address target, String service, String command, Duration timeout) {
        super(target, service, command, "no reply within " + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}

package io.skynetspring.benchmarks.runtime.skynet;

import io.skynetspring.benchmarks.runtime.Tally;
import io.skynetspring.core.service.ServiceHandler;

/** Counts what it is sent; its {@link Tally} comes as the {@code newService} argument. */
final class Sink implements ServiceHandler {

    private Tally tally;

    @Override
    public Object init(Object[] args) {
        tally = (Tally) args[0];
        return null;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        tally.hit();
        return null;
    }
}

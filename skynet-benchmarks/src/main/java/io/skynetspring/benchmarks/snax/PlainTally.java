package io.skynetspring.benchmarks.snax;

import io.skynetspring.core.service.ServiceHandler;

/** The same work as {@link Tally} as a plain service handler: what {@code call} reaches without snax. */
final class PlainTally implements ServiceHandler {

    private long total;

    @Override
    public Object dispatch(String command, Object[] args) {
        if (!command.equals("add")) {
            throw new IllegalArgumentException("unknown command " + command);
        }
        total += ((Number) args[0]).longValue();
        return total;
    }
}

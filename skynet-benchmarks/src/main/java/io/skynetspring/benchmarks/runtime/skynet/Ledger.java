package io.skynetspring.benchmarks.runtime.skynet;

import io.skynetspring.core.service.ServiceHandler;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code merge(fields)}: puts the fields into its state and replies with the state, as a service
 * answering "state" does: a small {@code Map} argument in, a small {@code Map} reply out.
 */
final class Ledger implements ServiceHandler {

    private final Map<String, Object> state = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public Object dispatch(String command, Object[] args) {
        state.putAll((Map<String, Object>) args[0]);
        return state;
    }
}

package io.skynetspring.core.snax;

import io.skynetspring.core.service.Address;

import java.util.Map;

/**
 * One live snax service's method profiles, read without messaging it ({@link Snax#profiles()}): what
 * meters are made from.
 */
public record SnaxProfile(Address address, String name, Map<String, MethodProfile> methods) {

    public SnaxProfile {
        methods = Map.copyOf(methods);
    }
}

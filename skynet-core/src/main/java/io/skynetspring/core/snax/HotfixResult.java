package io.skynetspring.core.snax;

import io.skynetspring.core.service.Address;

import java.time.Duration;
import java.util.List;

/**
 * What a successful {@link Snax#hotfix} did: the class and class loader before and after, the methods
 * the service now has (a patch: those it replaced), the fields carried over and dropped, and how long
 * the service was paused (the swap ran between two of its messages; they waited this long).
 *
 * <pre>{@code HotfixResult r = snax.hotfix(login, Path.of("build/v2")).block();  // r.paused() = PT0.00012S}</pre>
 */
public record HotfixResult(Address address, String service, String oldClass, String newClass, String oldLoader,
                           String newLoader, List<String> methods, List<String> fieldsCarried,
                           List<String> fieldsDropped, Duration paused) {

    public HotfixResult {
        methods = List.copyOf(methods);
        fieldsCarried = List.copyOf(fieldsCarried);
        fieldsDropped = List.copyOf(fieldsDropped);
    }
}

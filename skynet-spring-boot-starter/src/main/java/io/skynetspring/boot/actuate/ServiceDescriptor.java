package io.skynetspring.boot.actuate;

import io.skynetspring.core.service.ServiceStats;

import java.time.Instant;
import java.util.List;

/**
 * One service as the skynet endpoint shows it. Times are in milliseconds and need
 * {@code skynet.profile} (zero otherwise).
 *
 * <pre>{@code GET /actuator/skynet/:0000000a}</pre>
 */
public record ServiceDescriptor(String address, List<String> names, String template, int mailbox, long messages,
                                double handlerMillis, double maxHandlerMillis, int pendingCalls, int openReplies,
                                long overloadWarnings, long refused, long dropped, long lateReplies, long errors,
                                boolean endless, Instant started) {

    static ServiceDescriptor of(ServiceStats s) {
        return new ServiceDescriptor(s.address().toString(), s.names(), s.template(), s.mailbox(), s.processed(),
                s.busy().toNanos() / 1e6, s.maxBusy().toNanos() / 1e6, s.pendingCalls(), s.openReplies(),
                s.overloadWarnings(), s.refused(), s.dropped(), s.lateReplies(), s.errors(), s.endless(), s.started());
    }
}

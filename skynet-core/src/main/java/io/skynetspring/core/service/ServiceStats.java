package io.skynetspring.core.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the runtime knows of one service at a moment: skynet's {@code stat} and {@code list}.
 *
 * <pre>{@code runtime.services().forEach(s -> log.info("{} {} mqlen={}", s.address(), s.template(), s.mailbox()));}</pre>
 *
 * @param mailbox          queued messages now (skynet's mqlen); in an unbounded mailbox those of a drain
 *                         in progress count until the drain ends
 * @param processed        messages handled so far
 * @param overloadWarnings "May overload" warnings logged
 * @param refused          messages its bounded mailbox refused
 * @param dropped          sends dropped to make room (DROP_OLDEST_SEND)
 * @param lateReplies      replies to its calls that came after the deadline, dropped
 * @param errors           handler errors
 * @param busy             time spent handling messages (skynet's cpu); zero while profiling is off
 * @param maxBusy          the longest single message; zero while profiling is off
 * @param pendingCalls     its calls waiting for a reply
 * @param openReplies      requests it has taken over (deferred or async) and not yet answered
 * @param endless          a message of it ran past the endless-loop threshold (skynet.endless())
 * @param started          when the service was created
 */
public record ServiceStats(Address address, String template, List<String> names, int mailbox, long processed,
                           long overloadWarnings, long refused, long dropped, long lateReplies, long errors,
                           Duration busy, Duration maxBusy, int pendingCalls, int openReplies, boolean endless,
                           Instant started) {

    static ServiceStats of(ServiceCell c) {
        ServiceCell.Incidents i = c.incidentsSeen();
        long maxBusy = c.maxBusyNanos(); // first: acquiring it makes the sum written before it visible
        return new ServiceStats(c.address, c.templateName, List.copyOf(c.names()), c.mailboxSize(), c.processed(),
                i.overloadWarnings.get(), i.refused.get(), i.dropped.get(), i.lateReplies.get(), i.errors.get(),
                Duration.ofNanos(c.busyNanos()), Duration.ofNanos(maxBusy), c.pendingCount(),
                c.openReplies().size(), c.endless, Instant.ofEpochMilli(c.startMillis));
    }
}

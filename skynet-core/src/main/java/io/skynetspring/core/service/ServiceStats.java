package io.skynetspring.core.service;

import java.util.List;

/**
 * What the runtime knows of one service at a moment: skynet's {@code stat} and {@code list}.
 *
 * @param mailbox          queued messages now (skynet's mqlen)
 * @param processed        messages handled so far
 * @param overloadWarnings "May overload" warnings logged
 * @param refused          messages its bounded mailbox refused
 * @param dropped          sends dropped to make room (DROP_OLDEST_SEND)
 * @param lateReplies      replies to its calls that came after the deadline, dropped
 * @param errors           handler errors
 */
public record ServiceStats(Address address, String template, List<String> names, int mailbox, long processed,
                           long overloadWarnings, long refused, long dropped, long lateReplies, long errors) {

    static ServiceStats of(ServiceCell c) {
        return new ServiceStats(c.address, c.templateName, List.copyOf(c.names), c.mailboxSize(), c.processed.get(),
                c.overloadWarnings.get(), c.refused.get(), c.dropped.get(), c.lateReplies.get(), c.errors.get());
    }
}

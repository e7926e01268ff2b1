package io.skynetspring.samples.basics.messaging;

import java.util.List;

/**
 * What {@code batch_query} returns: the replies in the order they arrived, and whether the deadline
 * cut off the rest.
 */
public record BatchResult(List<Entry> results, boolean timedOut) {

    /** One reply: the service asked, and its result (or its error text). */
    public record Entry(String service, Object result) {
    }
}

package io.skynetspring.core.service;

/**
 * Optional bound on a service's mailbox. Replies, timers and the service's own tasks are never
 * refused; only requests and sends from others count against the bound.
 *
 * <pre>{@code MailboxLimit.of(10_000, Overflow.DROP_OLDEST_SEND)}</pre>
 */
public record MailboxLimit(int capacity, Overflow overflow) {

    public static final MailboxLimit UNBOUNDED = new MailboxLimit(Integer.MAX_VALUE, Overflow.REJECT);

    public enum Overflow {
        /** Refuse the new message: a call fails with {@code MailboxFullException}, a send returns false. */
        REJECT,
        /** Make room by dropping the oldest queued send; never a call. With no send to drop, refuse. */
        DROP_OLDEST_SEND
    }

    public MailboxLimit {
        if (capacity <= 0) {
            throw new IllegalArgumentException("mailbox capacity must be positive, was " + capacity);
        }
        if (overflow == null) {
            throw new IllegalArgumentException("overflow policy is required");
        }
    }

    public static MailboxLimit of(int capacity) {
        return new MailboxLimit(capacity, Overflow.REJECT);
    }

    public static MailboxLimit of(int capacity, Overflow overflow) {
        return new MailboxLimit(capacity, overflow);
    }

    public boolean bounded() {
        return capacity != Integer.MAX_VALUE;
    }
}

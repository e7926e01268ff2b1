package io.skynetspring.core.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A service's queue: many producers, one consumer (whoever holds the service's drain). The
 * messages themselves are the links, so queueing allocates nothing and a producer never retries:
 * it swaps the tail, then links the old tail to its message.
 *
 * <p>Between those two steps the message is queued but not yet visible to {@link #poll()}. That is
 * safe because a producer schedules the service only after linking.
 */
final class Mailbox {

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Mailbox.class, "tail", Message.class);
            NEXT = MethodHandles.lookup().findVarHandle(Message.class, "next", Message.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last message taken (or the initial stub); only the consumer moves it. */
    private Message head;
    @SuppressWarnings("unused") // through TAIL
    private volatile Message tail;

    Mailbox() {
        Message stub = Message.task(null);
        head = stub;
        tail = stub;
    }

    /** Any thread. */
    void offer(Message m) {
        Message prev = (Message) TAIL.getAndSet(this, m);
        NEXT.setRelease(prev, m);
    }

    /** The consumer only: the oldest linked message, or null. */
    Message poll() {
        Message h = head;
        Message next = (Message) NEXT.getAcquire(h);
        if (next == null) {
            return null;
        }
        head = next;
        NEXT.setOpaque(h, null);
        return next;
    }

    /** The consumer only: whether a linked message is waiting. */
    boolean isEmpty() {
        return NEXT.getAcquire(head) == null;
    }
}

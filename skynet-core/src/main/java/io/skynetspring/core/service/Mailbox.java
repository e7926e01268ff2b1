package io.skynetspring.core.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A service's queue, as the first fields of its {@link ServiceCell}: many producers, one consumer
 * (whoever holds the service's drain). The messages themselves are the links, so queueing
 * allocates nothing, a producer never retries, and an empty mailbox holds nothing at all: no stub,
 * no last message kept alive.
 *
 * <p>A producer swaps the tail, then links the old tail to its message, or makes its message the
 * head when the queue was empty. Between those two steps the message is queued but not yet visible
 * to {@link #poll()}; that is safe because a producer schedules the service only after linking.
 * When the consumer takes what looks like the last message, it swings the tail back to null; if a
 * producer got in first, the link is a few instructions away and the consumer waits for it.
 */
abstract class Mailbox {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(Mailbox.class, "head", Message.class);
            TAIL = l.findVarHandle(Mailbox.class, "tail", Message.class);
            NEXT = l.findVarHandle(Message.class, "next", Message.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The oldest linked message; the consumer's, but a producer sets it when the queue was empty. */
    @SuppressWarnings("unused") // through HEAD
    private Message head;
    @SuppressWarnings("unused") // through TAIL
    private Message tail;

    /** Any thread. */
    final void offer(Message m) {
        Message prev = (Message) TAIL.getAndSet(this, m);
        if (prev == null) {
            HEAD.setRelease(this, m);
        } else {
            NEXT.setRelease(prev, m);
        }
    }

    /** The consumer only: the oldest linked message, or null. */
    final Message poll() {
        Message h = (Message) HEAD.getAcquire(this);
        if (h == null) {
            return null;
        }
        Message n = (Message) NEXT.getAcquire(h);
        if (n == null) {
            // h looks last: empty the queue unless a producer has already swapped in behind it.
            // The CAS publishes the null head before any producer can see the null tail.
            HEAD.setOpaque(this, null);
            if (TAIL.compareAndSet(this, h, null)) {
                return h;
            }
            while ((n = (Message) NEXT.getAcquire(h)) == null) {
                Thread.onSpinWait();
            }
        }
        HEAD.setRelease(this, n);
        NEXT.setOpaque(h, null);
        return h;
    }

    /**
     * Any thread, for shutdown only: whether a message other than a task (a timer tick, a fork, a
     * continuation) is linked among the first {@code limit}; a longer queue counts as holding one.
     * Read while the consumer may be taking messages off, so it can miss some: callers look twice.
     */
    final boolean holdsMoreThanTasks(int limit) {
        Message m = (Message) HEAD.getAcquire(this);
        for (int i = 0; m != null; i++) {
            if (i == limit || m.kind != Message.TASK) {
                return true;
            }
            m = (Message) NEXT.getAcquire(m);
        }
        return false;
    }

    /** Any thread, for shutdown only: whether no message is linked (a snapshot). */
    final boolean nothingLinked() {
        return HEAD.getAcquire(this) == null;
    }

    /** The consumer only: the oldest linked message, left in place; null when none. */
    final Message peek() {
        return (Message) HEAD.getAcquire(this);
    }

    /** The consumer only: whether a linked message is waiting. */
    final boolean isEmpty() {
        return HEAD.getAcquire(this) == null;
    }
}

package io.skynetspring.core.service;

import reactor.core.publisher.Sinks;

/**
 * The handler of a sequential service: runs the template's handler, init, exit and forked tasks
 * each on a {@link Strand}, and keeps the strands that are suspended so that they can be ended
 * with the service. Used only inside the service's drain.
 */
final class SequentialHandler implements ServiceHandler {

    final ServiceCell cell;
    private final ServiceHandler inner;
    /** Suspended strands, newest first; linked through the strands themselves. */
    private Strand head;
    private int suspendedCount;

    SequentialHandler(ServiceCell cell, ServiceHandler inner) {
        this.cell = cell;
        this.inner = inner;
    }

    @Override
    public Object init(Object[] args) throws Exception {
        Strand s = new Strand(this, () -> inner.init(args), "init");
        s.initDone = Sinks.one();
        if (s.start()) {
            return s.outcome();
        }
        // the runtime starts the service when this completes
        return s.initDone.asMono();
    }

    @Override
    public Object dispatch(String command, Object[] args) throws Exception {
        Strand s = new Strand(this, () -> inner.dispatch(command, args), command);
        // suspended, it holds the request's reply and answers when it ends
        return s.start() ? s.outcome() : null;
    }

    @Override
    public void exit() throws Exception {
        Strand s = new Strand(this, () -> {
            inner.exit();
            return null;
        }, "exit");
        if (!s.start()) {
            s.end("service " + cell.address + " is ending: its exit handler cannot wait");
        }
        s.outcome();
    }

    /** Runs {@code task} (a fork or a timer's callback) on a strand of its own. */
    void fork(Runnable task) {
        Strand s = new Strand(this, () -> {
            task.run();
            return null;
        }, "a forked task");
        if (s.start()) {
            try {
                s.outcome();
            } catch (Throwable t) {
                cell.logTaskError(s.what, t);
            }
        }
    }

    /** Ends every suspended strand with {@code reason} thrown from its await: the service has ended. */
    void ended(String reason) {
        Strand s;
        while ((s = head) != null) {
            s.end(reason);
            if (head == s) {
                forget(s); // it suspended again despite the reason: drop it rather than loop
            }
        }
    }

    int suspendedCount() {
        return suspendedCount;
    }

    void suspended(Strand s) {
        s.listed = true;
        s.next = head;
        if (head != null) {
            head.prev = s;
        }
        head = s;
        suspendedCount++;
    }

    void forget(Strand s) {
        if (!s.listed) {
            return;
        }
        s.listed = false;
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        }
        s.prev = null;
        s.next = null;
        suspendedCount--;
    }
}

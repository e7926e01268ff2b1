package io.skynetspring.core.service;

/**
 * The handler of a sequential service: runs the template's handler, init, exit and forked tasks
 * each as a {@link Strand}, and keeps the strands that are suspended so that they can be ended
 * with the service. Used only inside the service's drain.
 */
final class SequentialHandler implements ServiceHandler {

    final ServiceCell cell;
    private final ServiceHandler inner;
    /** Suspended strands, newest first; linked through the strands themselves. */
    private Strand head;
    private int suspendedCount;
    /** A strand whose run has ended, kept for the next one. */
    private Strand spare;

    SequentialHandler(ServiceCell cell, ServiceHandler inner) {
        this.cell = cell;
        this.inner = inner;
    }

    @Override
    public Object init(Object[] args) throws Exception {
        return new Strand(this, "init", Strand.INIT).run(() -> inner.init(args));
    }

    @Override
    public Object dispatch(String command, Object[] args) throws Exception {
        Strand s = strand(command, Strand.REQUEST);
        Object r = s.run(() -> inner.dispatch(command, args));
        if (s.hasSuspended()) {
            // it answered its request itself: the drain sends nothing more
            cell.currentReply = s.reply;
        }
        spare = s;
        return r;
    }

    /** A strand for a run: the one kept from an earlier run, or a new one. A run that throws leaves its strand to the collector. */
    private Strand strand(String what, int kind) {
        Strand s = spare;
        if (s == null) {
            return new Strand(this, what, kind);
        }
        spare = null;
        return s.reuse(what, kind);
    }

    @Override
    public void exit() throws Exception {
        new Strand(this, "exit", "service " + cell.address + " is ending: its exit handler cannot wait").run(() -> {
            inner.exit();
            return null;
        });
    }

    /** Runs {@code task} (a fork or a timer's callback) as a strand of its own. */
    void fork(Runnable task) {
        Strand s = strand("a forked task", Strand.TASK);
        try {
            s.run(() -> {
                task.run();
                return null;
            });
            spare = s;
        } catch (Strand.End e) {
            throw e;
        } catch (Throwable t) {
            cell.logTaskError(s.what, t);
        }
    }

    /** Ends every suspended strand with {@code reason} thrown from its await: the service has ended. */
    void ended(String reason) {
        Strand s;
        while ((s = head) != null) {
            forget(s);
            cell.unready(s);
            s.end(reason);
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

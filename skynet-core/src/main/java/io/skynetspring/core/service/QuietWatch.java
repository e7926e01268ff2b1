package io.skynetspring.core.service;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How a closing node decides it is quiet: nothing left that shutdown should wait for. Not quiet:
 * a request, send, reply or ping queued in a mailbox or being handled, a deferred or async reply
 * still owed to a waiting caller, an outside caller waiting. A service's own tasks (timer ticks,
 * forks, continuations) do not count: a periodic timer never runs out of ticks, and the ticks
 * already queued still run before the service's exit. docs/runtime.md, "Shutdown", has the policy.
 *
 * <pre>{@code boolean settled = new QuietWatch(cells, watches, external, templates).await(deadline);}</pre>
 */
final class QuietWatch {

    static final long LOOK_NANOS = 5_000_000L;
    /** Queued messages a look reads per mailbox before it counts the mailbox as busy. */
    static final int LOOK_DEPTH = 64;

    private final HandleTable cells;
    private final MessageWatch[] workers;
    private final Map<Integer, PendingCall> external;
    private final Collection<TemplateStats> templates;

    QuietWatch(HandleTable cells, MessageWatch[] workers, Map<Integer, PendingCall> external,
               Collection<TemplateStats> templates) {
        this.cells = cells;
        this.workers = workers;
        this.external = external;
        this.templates = templates;
    }

    /**
     * Looks every 5 ms until two looks in a row are quiet (true) or {@code deadline} (a nanoTime)
     * passes (false). When it passes right after a quiet look, one more look 5 ms later decides.
     */
    boolean await(long deadline) {
        int quietLooks = 0;
        for (;;) {
            quietLooks = look() ? quietLooks + 1 : 0;
            if (quietLooks == 2) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (quietLooks == 0) {
                    return false;
                }
                LockSupport.parkNanos(LOOK_NANOS);
                return look();
            }
            LockSupport.parkNanos(Math.min(left, LOOK_NANOS));
        }
    }

    /**
     * One look at every service: quiet, and no request or reply handled while looking. A look reads
     * the mailboxes one after another, so without the second condition it could find two services
     * empty while a message passes from one to the other.
     */
    boolean look() {
        long before = conversationsHandled();
        return quietNow() && conversationsHandled() == before;
    }

    private boolean quietNow() {
        if (!external.isEmpty()) {
            return false;
        }
        ServiceCell[] inTask = new ServiceCell[workers.length];
        for (int i = 0; i < workers.length; i++) {
            Message m = workers[i].message();
            if (m != null && m.kind != Message.TASK) {
                return false;
            }
            inTask[i] = m == null ? null : workers[i].cell();
        }
        for (ServiceCell c : cells.values()) {
            if (c.holdsMoreThanTasks(LOOK_DEPTH)) {
                return false;
            }
            // counted but not linked: a message just taken and not yet begun, or still being linked;
            // what it is cannot be told from here, unless the service is running a task right now
            if (c.mailboxSize() > 0 && c.nothingLinked() && !contains(inTask, c)) {
                return false;
            }
            for (Reply r : c.openReplies()) {
                if (r.isOpen()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Messages other than tasks handled so far by every worker: requests, replies, pings, inits. */
    private long conversationsHandled() {
        long n = 0;
        for (TemplateStats t : templates) {
            for (MessageKind k : MessageKind.values()) {
                if (k != MessageKind.TASK) {
                    n += t.messages(k);
                }
            }
        }
        return n;
    }

    private static boolean contains(ServiceCell[] cells, ServiceCell c) {
        for (ServiceCell x : cells) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }
}

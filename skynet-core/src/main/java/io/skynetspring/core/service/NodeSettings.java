package io.skynetspring.core.service;

import java.time.Duration;

/**
 * Runtime settings.
 *
 * <pre>{@code new NodeSettings(4, 64, 1024, Duration.ofSeconds(10), 0).withEndlessThreshold(Duration.ofSeconds(2))}</pre>
 *
 * @param workers          worker threads draining mailboxes (default: one per core)
 * @param batch            most messages one service handles before others get a turn
 * @param mailboxWarning   queue length that first triggers skynet's "May overload" warning; doubles after each warning
 * @param callTimeout      deadline of a call that names none
 * @param nodeId           this node's id, the high 8 bits of every local address
 * @param profile          time every message and call (skynet's {@code profile}): two clock reads per message,
 *                         feeding handler and call times; off, only counts are kept
 * @param endlessThreshold how long one message may run on a worker before the endless-loop warning
 * @param threadCheck      what a {@link ServiceContext} method does when called outside its service's drain
 * @param isolation        how messages cross between services unless a template says otherwise:
 *                         {@link Isolation#COPY} (default) or {@link Isolation#SHARE}
 */
public record NodeSettings(int workers, int batch, int mailboxWarning, Duration callTimeout, int nodeId,
                           boolean profile, Duration endlessThreshold, ThreadCheck threadCheck, Isolation isolation) {

    /** skynet's monitor checks every 5 s. */
    public static final Duration DEFAULT_ENDLESS_THRESHOLD = Duration.ofSeconds(5);

    public NodeSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, was " + batch);
        }
        if (mailboxWarning < 1) {
            throw new IllegalArgumentException("mailboxWarning must be at least 1, was " + mailboxWarning);
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        if (nodeId < 0 || nodeId > 255) {
            throw new IllegalArgumentException("nodeId must be 0..255, was " + nodeId);
        }
        if (endlessThreshold == null || endlessThreshold.toMillis() < 1) {
            throw new IllegalArgumentException("endlessThreshold must be at least 1 ms, was " + endlessThreshold);
        }
        if (threadCheck == null) {
            throw new IllegalArgumentException("threadCheck must be FAIL, WARN or OFF, was null");
        }
        if (isolation != Isolation.COPY && isolation != Isolation.SHARE) {
            throw new IllegalArgumentException("isolation of a node must be COPY or SHARE, was " + isolation);
        }
    }

    /** Checks threads with {@link ThreadCheck#FAIL} and copies messages between services ({@link Isolation#COPY}). */
    public NodeSettings(int workers, int batch, int mailboxWarning, Duration callTimeout, int nodeId,
                        boolean profile, Duration endlessThreshold) {
        this(workers, batch, mailboxWarning, callTimeout, nodeId, profile, endlessThreshold, ThreadCheck.FAIL,
                Isolation.COPY);
    }

    /** Profiling on and the endless-loop warning after 5 s, as skynet. */
    public NodeSettings(int workers, int batch, int mailboxWarning, Duration callTimeout, int nodeId) {
        this(workers, batch, mailboxWarning, callTimeout, nodeId, true, DEFAULT_ENDLESS_THRESHOLD);
    }

    public static NodeSettings defaults() {
        return new NodeSettings(Runtime.getRuntime().availableProcessors(), 64, 1024, Duration.ofSeconds(10), 0);
    }

    public NodeSettings withProfile(boolean on) {
        return new NodeSettings(workers, batch, mailboxWarning, callTimeout, nodeId, on, endlessThreshold, threadCheck,
                isolation);
    }

    public NodeSettings withEndlessThreshold(Duration threshold) {
        return new NodeSettings(workers, batch, mailboxWarning, callTimeout, nodeId, profile, threshold, threadCheck,
                isolation);
    }

    public NodeSettings withThreadCheck(ThreadCheck check) {
        return new NodeSettings(workers, batch, mailboxWarning, callTimeout, nodeId, profile, endlessThreshold, check,
                isolation);
    }

    /** {@code SHARE} passes every message as it is, for the whole node; templates may still say COPY. */
    public NodeSettings withIsolation(Isolation isolation) {
        return new NodeSettings(workers, batch, mailboxWarning, callTimeout, nodeId, profile, endlessThreshold,
                threadCheck, isolation);
    }
}

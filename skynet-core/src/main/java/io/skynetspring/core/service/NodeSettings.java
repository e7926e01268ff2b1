package io.skynetspring.core.service;

import java.time.Duration;

/**
 * Runtime settings.
 *
 * @param workers         worker threads draining mailboxes (default: one per core)
 * @param batch           most messages one service handles before others get a turn
 * @param mailboxWarning  queue length that first triggers skynet's "May overload" warning; doubles after each warning
 * @param callTimeout     deadline of a call that names none
 * @param nodeId          this node's id, the high 8 bits of every local address
 */
public record NodeSettings(int workers, int batch, int mailboxWarning, Duration callTimeout, int nodeId) {

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
    }

    public static NodeSettings defaults() {
        return new NodeSettings(Runtime.getRuntime().availableProcessors(), 64, 1024, Duration.ofSeconds(10), 0);
    }
}

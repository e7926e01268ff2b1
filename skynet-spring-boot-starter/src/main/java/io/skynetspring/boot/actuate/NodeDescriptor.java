package io.skynetspring.boot.actuate;

import io.skynetspring.core.service.RunningMessage;

import java.util.List;

/**
 * The node as the skynet endpoint shows it: settings, state, the messages workers are inside now,
 * every live service and the cluster (null when the node has none).
 *
 * <pre>{@code GET /actuator/skynet}</pre>
 */
public record NodeDescriptor(int nodeId, int workers, boolean profile, long endlessThresholdMillis,
                             boolean shuttingDown, long endlessMessages, List<Running> running,
                             List<ServiceDescriptor> services, ClusterDescriptor cluster) {

    /** A message a worker is inside now. */
    public record Running(String worker, String source, String destination, String template, String message,
                          long elapsedMillis) {

        static Running of(RunningMessage r) {
            return new Running(r.worker(), r.source().toString(), r.destination().toString(), r.template(), r.what(),
                    r.elapsed().toMillis());
        }
    }
}

package io.skynetspring.boot.console.web;

import java.util.List;

/**
 * One snapshot of the node as the live console shows it (the JSON of {@code /snapshot} and of each
 * {@code snapshot} event of {@code /stream}).
 *
 * <pre>{@code GET /actuator/skynet-console/snapshot}</pre>
 *
 * @param time     when it was taken, epoch milliseconds
 * @param node     the node id
 * @param profile  whether handler times are measured ({@code skynet.profile}); zero times otherwise
 * @param services at most {@code skynet.console.web.max-services} rows, the busiest first
 * @param totals   over every service, listed or not
 */
public record ConsoleSnapshot(long time, int node, boolean profile, List<ServiceRow> services, Totals totals) {

    /**
     * @param services services alive
     * @param listed   of which in {@link ConsoleSnapshot#services()}
     * @param messages messages handled by the services alive
     * @param rate     messages per second over the interval before this snapshot
     * @param sockets  open sockets of the node's socket drivers
     */
    public record Totals(int services, int listed, long messages, double rate, long sockets) {
    }
}

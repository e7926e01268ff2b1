package io.skynetspring.core.cluster;

/**
 * One cluster link as the actuator shows it: an outgoing link to a node ({@code direction "out"},
 * one per node) or an accepted connection ({@code "in"}, named by its remote address, as the
 * protocol carries no node names).
 *
 * @param state {@code "up"}, {@code "connecting"}, {@code "idle"} (not connected yet), {@code "retrying"}
 *              (a connect failed; back-off), {@code "down"} (marked false), {@code "absent"} (waiting for a reload)
 */
public record LinkStat(String node, String direction, String address, String state, long calls, long pushes,
                       long bytesIn, long bytesOut, long errors, long reconnects, int inFlight, long lateReplies,
                       long latencyCount, long latencyTotalNanos, long latencyMaxNanos) {
}

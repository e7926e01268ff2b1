package io.skynetspring.core.cluster;

import io.skynetspring.core.message.ServiceException;

/** A cluster call that failed because of its node: unknown, down, unreachable, dropped mid-call, or an error reply. */
public class ClusterException extends ServiceException {

    private final String node;

    public ClusterException(String node, String reason) {
        super("cluster node [" + node + "]: " + reason);
        this.node = node;
    }

    public ClusterException(String node, String reason, Throwable cause) {
        super("cluster node [" + node + "]: " + reason, cause);
        this.node = node;
    }

    /** The node-table name of the node the call went to. */
    public String node() {
        return node;
    }
}

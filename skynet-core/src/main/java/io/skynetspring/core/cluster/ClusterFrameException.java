package io.skynetspring.core.cluster;

/** A frame that breaks the cluster protocol (unknown type, truncated fields, over a size cap): the link is closed. */
public class ClusterFrameException extends RuntimeException {

    public ClusterFrameException(String message) {
        super(message);
    }
}

package io.skynetspring.core.cluster;

/**
 * One whole request as the callee sees it (large ones already joined). Exactly one of
 * {@code address} (non-zero handle; 0 with a null name = name query) and {@code name} is set.
 * {@code invalid} is non-null when the request cannot be served and must be answered with that
 * error text (e.g. "Invalid large req"); {@code trace} is the tag of a preceding 0x04 frame or null.
 */
record ClusterRequest(int address, String name, int session, boolean push, byte[] body, String trace,
                      String invalid) {
}

package io.skynetspring.core.cluster;

/** One whole reply as the caller sees it: {@code ok} with a lua-seri {@code body}, or an {@code error} text. */
record ClusterResponse(int session, boolean ok, byte[] body, String error) {
}

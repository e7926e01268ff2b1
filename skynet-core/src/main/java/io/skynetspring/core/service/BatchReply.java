package io.skynetspring.core.service;

/**
 * One completed call of a {@link BatchRequest}: {@code index} is its position in the batch.
 * Exactly one of {@code value} (possibly null) and {@code error} is meaningful: see {@link #ok()}.
 */
public record BatchReply(int index, String target, String command, Object value, Throwable error) {

    public boolean ok() {
        return error == null;
    }
}

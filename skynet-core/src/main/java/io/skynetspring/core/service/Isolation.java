package io.skynetspring.core.service;

/**
 * How messages cross between services. {@code COPY} (the default) gives the receiving service its
 * own copy of every mutable argument and the caller its own copy of every mutable reply, as skynet
 * does by serialising each message; immutable values pass as they are. {@code SHARE} passes
 * everything as it is, for those who want the speed and take the risk. See docs/runtime.md,
 * "Message isolation".
 *
 * <pre>{@code runtime.template("cache", ServiceTemplate.with(Isolation.SHARE, ctx -> new Cache()));}</pre>
 */
public enum Isolation {
    /** Mutable collections, arrays and records are copied deeply; unknown mutable classes are refused. */
    COPY,
    /** Everything passes as it is: sender and receiver may touch one object from two threads. */
    SHARE,
    /** For a template: whatever the node's setting is ({@link NodeSettings#isolation()}). */
    NODE
}

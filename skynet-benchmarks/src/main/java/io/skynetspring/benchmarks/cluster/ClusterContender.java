package io.skynetspring.benchmarks.cluster;

/**
 * The client half of one contender in {@link ClusterLoad}: its own runtime in this JVM, talking to the
 * echo node of the same kind ({@link SkynetEchoNode}, {@link PekkoEchoNode}) in another JVM (or in this
 * one, in the smoke test).
 */
interface ClusterContender extends AutoCloseable {

    /** {@code skynet} or {@code pekko}: the first word of every result line. */
    String name();

    /**
     * Starts {@code callers} callers inside the runtime; each calls the remote echo with {@code payload},
     * waits for the reply, records it in {@code book} and calls again, until {@code book} stops calling.
     */
    void startCallers(int callers, Payload payload, CallBook book) throws Exception;

    /** Ends the callers of the last {@link #startCallers} (after their calls have ended). */
    void stopCallers() throws Exception;

    /** Echo requests for {@code payload}'s kind the remote echo has served since the last reset; resets if asked. */
    long served(Payload payload, boolean reset) throws Exception;

    /** Replies the runtime itself dropped because their call had already ended (cumulative). */
    long lateReplies();

    /** One round trip from outside the runtime: what the echo sent back in place of {@code payload}. */
    Object echoOnce(Payload payload) throws Exception;
}

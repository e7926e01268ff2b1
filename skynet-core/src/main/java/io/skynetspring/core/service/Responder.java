package io.skynetspring.core.service;

/**
 * A deferred reply, from {@link ServiceContext#response()}: skynet's {@code skynet.response()}.
 * Replying twice is an error; for a send it does nothing.
 *
 * <pre>{@code Responder r = ctx.response(); ctx.sleep(100).subscribe(x -> r.reply("done"));}</pre>
 */
public interface Responder {

    /**
     * Sends the reply, copied as every reply is (see {@link Isolation}). Throws
     * {@link IllegalStateException} if already answered.
     */
    void reply(Object value);

    /** Fails the caller's call with {@code reason}. Throws {@link IllegalStateException} if already answered. */
    void fail(String reason);

    void fail(Throwable error);

    /** Whether the reply is still owed and the requester still there (skynet's {@code resp("TEST")}). */
    boolean isOpen();
}

package io.skynetspring.core.service;

/**
 * One service instance's behaviour: skynet's {@code skynet.start} + {@code dispatch("lua", ...)}.
 * Results may be plain values, a {@code Mono}/{@code Publisher} or a {@code CompletionStage} for an
 * asynchronous reply. Called only from the service's own mailbox drain.
 */
public interface ServiceHandler {

    /** Runs first, with the {@code newService} arguments; the creator resumes once it (or its Mono) completes. */
    default Object init(Object[] args) throws Exception {
        return null;
    }

    /** Handles {@code command}; the return value is the reply (ignored for a send). */
    Object dispatch(String command, Object[] args) throws Exception;

    /** Runs when the service ends by {@link ServiceContext#exit()} or runtime shutdown (not on kill). */
    default void exit() throws Exception {
    }
}

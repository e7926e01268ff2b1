package io.skynetspring.core.service;

import io.skynetspring.core.message.ServiceException;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * What {@link ServiceContext#blocking} returns: work on a blocking-capable scheduler whose
 * result comes back into the service. When a handler returns it unchained, no service code runs
 * after the work, so the runtime replies straight from the blocking thread and saves the trip
 * back through the mailbox.
 */
final class BlockingWork<T> extends Mono<T> {

    private final Mono<T> offloaded;
    private final Scheduler home;

    BlockingWork(Callable<T> work, Scheduler on, Scheduler home) {
        this.offloaded = Mono.fromCallable(work).subscribeOn(on)
                .onErrorMap(RejectedExecutionException.class, BlockingWork::refused);
        this.home = home;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        offloaded.publishOn(home).subscribe(actual);
    }

    /** Reactor reports a full scheduler as "Scheduler unavailable"; the caller reads the scheduler's own words. */
    private static ServiceException refused(RejectedExecutionException e) {
        Throwable cause = e.getCause() instanceof RejectedExecutionException inner ? inner : e;
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return new ServiceException("blocking work refused: " + why, e);
    }

    /** The work without the trip home: only for a reply that runs no service code. */
    Mono<T> withoutReturn() {
        return offloaded;
    }
}

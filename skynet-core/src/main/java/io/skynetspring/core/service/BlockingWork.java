package io.skynetspring.core.service;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.Callable;

/**
 * What {@link ServiceContext#blocking} returns: work on Reactor's bounded-elastic threads whose
 * result comes back into the service. When a handler returns it unchained, no service code runs
 * after the work, so the runtime replies straight from the blocking thread and saves the trip
 * back through the mailbox.
 */
final class BlockingWork<T> extends Mono<T> {

    private final Mono<T> offloaded;
    private final Scheduler home;

    BlockingWork(Callable<T> work, Scheduler home) {
        this.offloaded = Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
        this.home = home;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        offloaded.publishOn(home).subscribe(actual);
    }

    /** The work without the trip home: only for a reply that runs no service code. */
    Mono<T> withoutReturn() {
        return offloaded;
    }
}

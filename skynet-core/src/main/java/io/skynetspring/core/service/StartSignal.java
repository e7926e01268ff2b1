package io.skynetspring.core.service;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The outcome of a service's start, as its creator sees it: an address, an error, or nothing (exited during start). */
final class StartSignal {

    private final Sinks.One<Address> sink = Sinks.one();

    Mono<Address> mono() {
        return sink.asMono();
    }

    void started(Address address) {
        sink.tryEmitValue(address);
    }

    void failed(Throwable error) {
        sink.tryEmitError(error);
    }

    void exitedDuringStart(Address address) {
        sink.tryEmitEmpty();
    }
}

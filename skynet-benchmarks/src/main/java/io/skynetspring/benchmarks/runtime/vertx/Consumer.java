package io.skynetspring.benchmarks.runtime.vertx;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/** A verticle holding one local consumer, so the consumer runs on the verticle's event loop. */
final class Consumer extends VerticleBase {

    private final String address;
    private final Handler<Message<Integer>> handler;

    Consumer(String address, Handler<Message<Integer>> handler) {
        this.address = address;
        this.handler = handler;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().localConsumer(address, handler).completion();
    }
}

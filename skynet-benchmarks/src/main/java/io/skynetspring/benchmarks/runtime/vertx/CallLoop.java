package io.skynetspring.benchmarks.runtime.vertx;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * Sequential requests from inside a consumer: each request to "echo" goes out when the previous
 * reply has arrived on the caller's event loop; the run is answered with the number of replies.
 */
final class CallLoop {

    private final EventBus bus;
    private final Message<Integer> run;
    private int left;
    private long replies;

    CallLoop(EventBus bus, Message<Integer> run) {
        this.bus = bus;
        this.run = run;
        this.left = run.body();
    }

    void next() {
        bus.<Integer>request("echo", PAYLOAD).onComplete(reply -> {
            if (reply.succeeded() && reply.result().body() != null) {
                replies++;
            }
            if (--left > 0) {
                next();
            } else {
                run.reply(replies);
            }
        });
    }
}

package io.skynetspring.benchmarks.runtime.vertx;

import io.skynetspring.benchmarks.runtime.Contender;
import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.Sizes;
import io.skynetspring.benchmarks.runtime.Tally;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * The Vert.x 5 local event bus: one event loop per core, one verticle per consumer (so consumers
 * spread over the event loops as skynet services spread over its workers), plain Integers so the
 * built-in codec passes them through without copying.
 */
public final class VertxContender implements Contender {

    private static final long WAIT_SECONDS = 30;
    // One outer request covers a whole round of inner requests.
    private static final DeliveryOptions ROUND = new DeliveryOptions().setSendTimeout(120_000);

    private final Finish finish = new Finish();
    private Vertx vertx;
    private EventBus bus;
    private Sizes sizes;

    private Tally sinkTally;
    private final List<String> fanOut = new ArrayList<>();
    private final List<Tally> fanOutTallies = new ArrayList<>();
    private Tally paddleATally;
    private Tally paddleBTally;

    @Override
    public void start(Sizes sizes) throws Exception {
        this.sizes = sizes;
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
        bus = vertx.eventBus();

        sinkTally = new Tally(finish, sizes.messages());
        consume("sink", counting(sinkTally));
        consume("echo", message -> message.reply(message.body()));
        consume("caller", this::runCalls);
        for (int i = 0; i < sizes.fanOutReceivers(); i++) {
            Tally tally = new Tally(finish, sizes.fanOutEach());
            fanOutTallies.add(tally);
            fanOut.add("fan-" + i);
            consume("fan-" + i, counting(tally));
        }
        paddleATally = Tally.endless();
        paddleBTally = new Tally(finish, sizes.pingPongs() / 2);
        consume("paddle-a", serving(paddleATally, "paddle-b"));
        consume("paddle-b", serving(paddleBTally, "paddle-a"));
    }

    private void consume(String address, Handler<Message<Integer>> handler) throws Exception {
        vertx.deployVerticle(new Consumer(address, handler))
                .await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Handler<Message<Integer>> counting(Tally tally) {
        return message -> tally.hit();
    }

    private Handler<Message<Integer>> serving(Tally tally, String peer) {
        return message -> {
            if (!tally.hit()) {
                bus.send(peer, PAYLOAD);
            }
        };
    }

    private void runCalls(Message<Integer> run) {
        new CallLoop(bus, run).next();
    }

    @Override
    public long oneWay() throws Exception {
        long before = sinkTally.received();
        finish.arm(1);
        for (int i = 0; i < sizes.messages(); i++) {
            bus.send("sink", PAYLOAD);
        }
        finish.await("vert.x one-way");
        return sinkTally.received() - before;
    }

    @Override
    public long callFromOutside() throws Exception {
        long replies = 0;
        for (int i = 0; i < sizes.calls(); i++) {
            Message<Integer> reply = bus.<Integer>request("echo", PAYLOAD)
                    .toCompletionStage().toCompletableFuture().get();
            if (reply.body() != null) {
                replies++;
            }
        }
        return replies;
    }

    @Override
    public long callFromService() throws Exception {
        Future<Message<Long>> done = bus.request("caller", sizes.calls(), ROUND);
        return done.toCompletionStage().toCompletableFuture().get().body();
    }

    @Override
    public long fanOut() throws Exception {
        long before = Tally.sum(fanOutTallies);
        finish.arm(fanOut.size());
        int receivers = fanOut.size();
        for (int i = 0; i < sizes.fanOutTotal(); i++) {
            bus.send(fanOut.get(i % receivers), PAYLOAD);
        }
        finish.await("vert.x fan-out");
        return Tally.sum(fanOutTallies) - before;
    }

    @Override
    public long pingPong() throws Exception {
        long before = paddleATally.received() + paddleBTally.received();
        finish.arm(1);
        bus.send("paddle-a", PAYLOAD);
        finish.await("vert.x ping-pong");
        return paddleATally.received() + paddleBTally.received() - before;
    }

    @Override
    public void close() throws Exception {
        if (vertx != null) {
            vertx.close().await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}

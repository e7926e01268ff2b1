package io.skynetspring.benchmarks.runtime.skynet;

import io.skynetspring.benchmarks.runtime.Contender;
import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.Sizes;
import io.skynetspring.benchmarks.runtime.Tally;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.NodeSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * skynet-spring's core runtime with its defaults (one worker per core), used as a user would:
 * templates, {@code newService}, {@code send}, {@code call(...).block()} and {@code ctx.call}.
 */
public final class SkynetContender implements Contender {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // One outer call covers a whole round of inner calls, so it gets a round-sized deadline.
    private static final Duration ROUND = Duration.ofMinutes(2);

    /** The small Map of the map workloads: a player row's worth of fields. */
    private static final Map<String, Object> FIELDS = new HashMap<>(Map.of(
            "id", 1001L, "name", "ann", "level", 7, "gold", 100));

    private final Finish finish = new Finish();
    private final Isolation isolation;
    private SkynetRuntime rt;
    private Sizes sizes;

    private Address sink;
    private Tally sinkTally;
    private Address echo;
    private Address caller;
    private final List<Address> fanOut = new ArrayList<>();
    private final List<Tally> fanOutTallies = new ArrayList<>();
    private Address ledger;
    private Address paddleA;
    private Tally paddleATally;
    private Tally paddleBTally;

    /** With the node's default isolation (messages copied). */
    public SkynetContender() {
        this(Isolation.COPY);
    }

    /** With messages between services copied ({@code COPY}) or passed as they are ({@code SHARE}). */
    public SkynetContender(Isolation isolation) {
        this.isolation = isolation;
    }

    @Override
    public void start(Sizes sizes) {
        this.sizes = sizes;
        rt = SkynetRuntime.start(NodeSettings.defaults().withIsolation(isolation));
        rt.template("sink", ctx -> new Sink());
        rt.template("echo", ctx -> (command, args) -> args[0]);
        rt.template("caller", Caller::new);
        rt.template("paddle", Paddle::new);
        rt.template("ledger", ctx -> new Ledger());

        sinkTally = new Tally(finish, sizes.messages());
        sink = rt.newService("sink", sinkTally).block(WAIT);
        echo = rt.newService("echo").block(WAIT);
        caller = rt.newService("caller").block(WAIT);
        ledger = rt.newService("ledger").block(WAIT);
        for (int i = 0; i < sizes.fanOutReceivers(); i++) {
            Tally tally = new Tally(finish, sizes.fanOutEach());
            fanOutTallies.add(tally);
            fanOut.add(rt.newService("sink", tally).block(WAIT));
        }
        paddleBTally = new Tally(finish, sizes.pingPongs() / 2);
        Address paddleB = rt.newService("paddle", paddleBTally).block(WAIT);
        paddleATally = Tally.endless();
        paddleA = rt.newService("paddle", paddleATally, paddleB).block(WAIT);
    }

    @Override
    public long oneWay() throws Exception {
        long before = sinkTally.received();
        finish.arm(1);
        for (int i = 0; i < sizes.messages(); i++) {
            rt.send(sink, "m", PAYLOAD);
        }
        finish.await("skynet one-way");
        return sinkTally.received() - before;
    }

    @Override
    public long callFromOutside() {
        long replies = 0;
        for (int i = 0; i < sizes.calls(); i++) {
            if (rt.call(echo, "echo", PAYLOAD).block(WAIT) != null) {
                replies++;
            }
        }
        return replies;
    }

    @Override
    public long callFromService() {
        return rt.withTimeout(ROUND).call(caller, "run", Long.class, sizes.calls(), echo).block(ROUND);
    }

    /** Sequential calls from outside, each with a 4-entry Map argument and a 4-entry Map reply. */
    public long mapCallFromOutside() {
        long replies = 0;
        for (int i = 0; i < sizes.calls(); i++) {
            if (rt.call(ledger, "merge", FIELDS).block(WAIT) != null) {
                replies++;
            }
        }
        return replies;
    }

    /** The same calls from one service to another: no outside thread to wake per call. */
    public long mapCallFromService() {
        return rt.withTimeout(ROUND).call(caller, "run", Long.class, sizes.calls(), ledger, FIELDS).block(ROUND);
    }

    @Override
    public long fanOut() throws Exception {
        long before = Tally.sum(fanOutTallies);
        finish.arm(fanOut.size());
        int receivers = fanOut.size();
        for (int i = 0; i < sizes.fanOutTotal(); i++) {
            rt.send(fanOut.get(i % receivers), "m", PAYLOAD);
        }
        finish.await("skynet fan-out");
        return Tally.sum(fanOutTallies) - before;
    }

    @Override
    public long pingPong() throws Exception {
        long before = paddleATally.received() + paddleBTally.received();
        finish.arm(1);
        rt.send(paddleA, "ball", PAYLOAD);
        finish.await("skynet ping-pong");
        return paddleATally.received() + paddleBTally.received() - before;
    }

    @Override
    public void close() {
        if (rt != null) {
            rt.shutdown(WAIT);
        }
    }
}

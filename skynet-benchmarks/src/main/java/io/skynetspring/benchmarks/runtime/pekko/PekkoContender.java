package io.skynetspring.benchmarks.runtime.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.skynetspring.benchmarks.runtime.Contender;
import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.Sizes;
import io.skynetspring.benchmarks.runtime.Tally;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * Apache Pekko typed actors on the default dispatcher, sized to the machine's cores as skynet's
 * workers are, with the default throughput (5). Actors are spawned through {@link SpawnProtocol},
 * the documented way to start top-level actors from outside.
 */
public final class PekkoContender implements Contender {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ROUND = Duration.ofMinutes(2);

    private final Finish finish = new Finish();
    private ActorSystem<SpawnProtocol.Command> system;
    private Sizes sizes;
    private int spawned;

    private ActorRef<Integer> sink;
    private Tally sinkTally;
    private ActorRef<Echo.Ping> echo;
    private ActorRef<Caller.Command> caller;
    private final List<ActorRef<Integer>> fanOut = new ArrayList<>();
    private final List<Tally> fanOutTallies = new ArrayList<>();
    private ActorRef<Object> paddleA;
    private Tally paddleATally;
    private Tally paddleBTally;

    /** The default dispatcher with parallelism = cores; everything else as shipped. */
    public static Config config() {
        int cores = Runtime.getRuntime().availableProcessors();
        return ConfigFactory.parseString(
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = " + cores + "\n"
                + "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = " + cores + "\n"
                + "pekko.loglevel = WARNING\n"
                + "pekko.log-dead-letters-during-shutdown = off\n")
                .withFallback(ConfigFactory.load());
    }

    @Override
    public void start(Sizes sizes) throws Exception {
        this.sizes = sizes;
        system = ActorSystem.create(SpawnProtocol.create(), "bench", config());

        sinkTally = new Tally(finish, sizes.messages());
        sink = spawn(Sink.create(sinkTally));
        echo = spawn(Echo.create());
        caller = spawn(Caller.create());
        for (int i = 0; i < sizes.fanOutReceivers(); i++) {
            Tally tally = new Tally(finish, sizes.fanOutEach());
            fanOutTallies.add(tally);
            fanOut.add(spawn(Sink.create(tally)));
        }
        paddleATally = Tally.endless();
        paddleBTally = new Tally(finish, sizes.pingPongs() / 2);
        paddleA = spawn(Paddle.create(paddleATally));
        ActorRef<Object> paddleB = spawn(Paddle.create(paddleBTally));
        paddleA.tell(new Paddle.Peer(paddleB));
        paddleB.tell(new Paddle.Peer(paddleA));
    }

    private <T> ActorRef<T> spawn(Behavior<T> behavior) throws Exception {
        String name = "a" + spawned++;
        return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
                        replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                        WAIT, system.scheduler())
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public long oneWay() throws Exception {
        long before = sinkTally.received();
        finish.arm(1);
        for (int i = 0; i < sizes.messages(); i++) {
            sink.tell(PAYLOAD);
        }
        finish.await("pekko one-way");
        return sinkTally.received() - before;
    }

    @Override
    public long callFromOutside() throws Exception {
        long replies = 0;
        for (int i = 0; i < sizes.calls(); i++) {
            Integer reply = AskPattern.<Echo.Ping, Integer>ask(echo,
                            replyTo -> new Echo.Ping(PAYLOAD, replyTo), WAIT, system.scheduler())
                    .toCompletableFuture().get();
            if (reply != null) {
                replies++;
            }
        }
        return replies;
    }

    @Override
    public long callFromService() throws Exception {
        int calls = sizes.calls();
        return AskPattern.<Caller.Command, Long>ask(caller,
                        replyTo -> new Caller.Run(calls, echo, replyTo), ROUND, system.scheduler())
                .toCompletableFuture().get();
    }

    @Override
    public long fanOut() throws Exception {
        long before = Tally.sum(fanOutTallies);
        finish.arm(fanOut.size());
        int receivers = fanOut.size();
        for (int i = 0; i < sizes.fanOutTotal(); i++) {
            fanOut.get(i % receivers).tell(PAYLOAD);
        }
        finish.await("pekko fan-out");
        return Tally.sum(fanOutTallies) - before;
    }

    @Override
    public long pingPong() throws Exception {
        long before = paddleATally.received() + paddleBTally.received();
        finish.arm(1);
        paddleA.tell(PAYLOAD);
        finish.await("pekko ping-pong");
        return paddleATally.received() + paddleBTally.received() - before;
    }

    @Override
    public void close() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}

package io.skynetspring.benchmarks.runtime.spawn;

import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.pekko.PekkoContender;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * Pekko typed with the same dispatcher as the JMH suite: a guardian spawns anonymous children in
 * batches (one actor spawning a million in one message would hold a thread for seconds) and tells
 * each one message. Idle actors share one stateless behaviour, Pekko's usual idiom.
 */
final class PekkoSpawner implements Spawner {

    private static final int BATCH = 10_000;
    private static final Duration WAIT = Duration.ofMinutes(2);

    record Spawn(int n, ActorRef<Done> replyTo) {
    }

    private final Finish pings = new Finish();
    private ActorSystem<Spawn> system;

    @Override
    public String name() {
        return "pekko";
    }

    @Override
    public void start() {
        Behavior<Integer> idle = Behaviors.receiveMessage(message -> {
            pings.arrive();
            return Behaviors.same();
        });
        Behavior<Spawn> guardian = Behaviors.receive((context, spawn) -> {
            for (int i = 0; i < spawn.n(); i++) {
                context.spawnAnonymous(idle).tell(PAYLOAD);
            }
            spawn.replyTo().tell(Done.getInstance());
            return Behaviors.same();
        });
        system = ActorSystem.create(guardian, "spawn", PekkoContender.config());
    }

    @Override
    public void spawnAndPing(int n) throws Exception {
        pings.arm(n);
        for (int done = 0; done < n; done += BATCH) {
            int batch = Math.min(BATCH, n - done);
            AskPattern.<Spawn, Done>ask(system, replyTo -> new Spawn(batch, replyTo), WAIT, system.scheduler())
                    .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        pings.await("pekko spawn");
    }

    @Override
    public void close() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}

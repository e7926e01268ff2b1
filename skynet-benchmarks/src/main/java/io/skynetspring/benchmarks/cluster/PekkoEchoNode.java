package io.skynetspring.benchmarks.cluster;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Pekko server of {@code cluster-load.sh}: an actor system with Artery TCP on 127.0.0.1 and the
 * echo actors {@code /user/echo} and {@code /user/big-echo}. {@code main([port])}; prints
 * {@code ready port=N} once listening.
 */
public final class PekkoEchoNode implements AutoCloseable {

    static final String SYSTEM = "cluster-echo";
    static final String ECHO = "echo";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ActorSystem<Void> system;

    private PekkoEchoNode(ActorSystem<Void> system) {
        this.system = system;
    }

    /** Starts the node listening on {@code port} (0: a free one). */
    public static PekkoEchoNode start(int port) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(context -> {
            context.spawn(PekkoEcho.create(), ECHO);
            context.spawn(PekkoEcho.create(), PekkoRemoting.BIG_ECHO);
            return Behaviors.empty();
        }), SYSTEM, PekkoRemoting.config(port));
        return new PekkoEchoNode(system);
    }

    public int port() {
        return system.address().getPort().orElseThrow(() -> new IllegalStateException("Artery has no port"));
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        PekkoEchoNode node = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("ready port=" + node.port());
        Thread.currentThread().join();
    }
}

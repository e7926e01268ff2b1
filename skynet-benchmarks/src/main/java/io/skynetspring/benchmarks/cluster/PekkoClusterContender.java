package io.skynetspring.benchmarks.cluster;

import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pekko's client: a typed actor system with Artery TCP on a free port of 127.0.0.1 (same settings as the
 * server, {@link PekkoRemoting}), the remote echo actors resolved from their paths, callers spawned
 * through {@link SpawnProtocol}. Replies that reach a finished ask end in dead letters; those are counted.
 */
final class PekkoClusterContender implements ClusterContender {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ActorSystem<SpawnProtocol.Command> system;
    private final ActorRef<PekkoEcho.Command> echo;
    private final ActorRef<PekkoEcho.Command> bigEcho;
    private final LongAdder deadReplies = new LongAdder();
    private final List<ActorRef<PekkoCaller.Command>> callers = new ArrayList<>();
    private final List<ActorRef<PekkoBigCaller.Command>> bigCallers = new ArrayList<>();
    private int spawned;

    PekkoClusterContender(int serverPort) throws Exception {
        system = ActorSystem.create(SpawnProtocol.create(), "cluster-load", PekkoRemoting.config(0));
        try {
            String server = "pekko://" + PekkoEchoNode.SYSTEM + "@127.0.0.1:" + serverPort + "/user/";
            ActorRefResolver resolver = ActorRefResolver.get(system);
            echo = resolver.resolveActorRef(server + PekkoEchoNode.ECHO);
            bigEcho = resolver.resolveActorRef(server + PekkoRemoting.BIG_ECHO);
            ActorRef<DeadLetter> deadLetters = spawn(Behaviors.receive(DeadLetter.class)
                    .onMessage(DeadLetter.class, d -> {
                        if (d.message() instanceof PekkoEcho.Reply || d.message() instanceof PekkoEcho.BigReply) {
                            deadReplies.increment();
                        }
                        return Behaviors.same();
                    }).build(), "dead-replies");
            system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, deadLetters));
        } catch (Exception | Error e) {
            system.terminate();
            throw e;
        }
    }

    @Override
    public String name() {
        return "pekko";
    }

    @Override
    public void startCallers(int count, Payload payload, CallBook book) throws Exception {
        for (int i = 0; i < count; i++) {
            if (payload.isBig()) {
                bigCallers.add(spawn(PekkoBigCaller.create(bigEcho, book, (byte[]) payload.value()),
                        PekkoRemoting.BIG_CALLER + spawned++));
            } else {
                callers.add(spawn(PekkoCaller.create(echo, book, (String) payload.value()), "caller-" + spawned++));
            }
        }
        callers.forEach(c -> c.tell(PekkoCaller.Start.START));
        bigCallers.forEach(c -> c.tell(PekkoBigCaller.Start.START));
    }

    @Override
    public void stopCallers() {
        callers.forEach(c -> c.tell(PekkoCaller.Stop.STOP));
        bigCallers.forEach(c -> c.tell(PekkoBigCaller.Stop.STOP));
        callers.clear();
        bigCallers.clear();
    }

    @Override
    public long served(Payload payload, boolean reset) throws Exception {
        ActorRef<PekkoEcho.Command> target = payload.isBig() ? bigEcho : echo;
        return AskPattern.<PekkoEcho.Command, PekkoEcho.Served>ask(target,
                        replyTo -> new PekkoEcho.CountServed(reset, replyTo), WAIT, system.scheduler())
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).count();
    }

    @Override
    public long lateReplies() {
        return deadReplies.sum();
    }

    @Override
    public Object echoOnce(Payload payload) throws Exception {
        if (payload.isBig()) {
            // the reply must go to a large-message destination, so a named one-shot actor asks
            CompletableFuture<byte[]> echoed = new CompletableFuture<>();
            spawn(Behaviors.<PekkoEcho.BigReply>setup(context -> {
                bigEcho.tell(new PekkoEcho.BigRequest(-1, (byte[]) payload.value(), context.getSelf()));
                return Behaviors.receive(PekkoEcho.BigReply.class).onMessage(PekkoEcho.BigReply.class, r -> {
                    echoed.complete(r.data());
                    return Behaviors.stopped();
                }).build();
            }), PekkoRemoting.BIG_CALLER + spawned++);
            return echoed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        return AskPattern.<PekkoEcho.Command, PekkoEcho.Reply>ask(echo,
                        replyTo -> new PekkoEcho.Request("echo", -1, (String) payload.value(), replyTo), WAIT,
                        system.scheduler())
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).data();
    }

    private <T> ActorRef<T> spawn(Behavior<T> behavior, String name) throws Exception {
        return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
                        replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo),
                        WAIT, system.scheduler())
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}

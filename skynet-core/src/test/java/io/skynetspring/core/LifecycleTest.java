package io.skynetspring.core;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LifecycleTest extends RuntimeFixture {

    @Test
    void initReceivesTheArgumentsAndRunsBeforeTheCreatorResumes() {
        rt.template("greeter", ctx -> new ServiceHandler() {
            String greeting;

            @Override
            public Object init(Object[] args) {
                return ctx.sleep(1).doOnSuccess(x -> greeting = args[0] + ", " + args[1]);
            }

            @Override
            public Object dispatch(String command, Object[] args) {
                return greeting;
            }
        });
        Address g = rt.newService("greeter", "hello", 42).block(WAIT);

        assertThat(rt.call(g, "greet").block(WAIT)).isEqualTo("hello, 42");
    }

    @Test
    void failedInitFailsTheCreatorAndTheServiceIsGone() {
        rt.template("fragile", ctx -> new ServiceHandler() {
            @Override
            public Object init(Object[] args) {
                throw new IllegalArgumentException("bad config");
            }

            @Override
            public Object dispatch(String command, Object[] args) {
                return null;
            }
        });

        assertThatThrownBy(() -> rt.newService("fragile").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("init service failed: IllegalArgumentException: bad config");
        await().atMost(WAIT).until(() -> rt.services().isEmpty());
    }

    @Test
    void unknownTemplateIsAClearError() {
        rt.template("calc", ctx -> (c, a) -> null);
        assertThatThrownBy(() -> rt.newService("calculator").block(WAIT))
                .hasMessageContaining("no service template named 'calculator'")
                .hasMessageContaining("calc");
    }

    @Test
    void exitDuringStartCompletesEmpty() {
        rt.template("quitter", ctx -> new ServiceHandler() {
            @Override
            public Object init(Object[] args) {
                ctx.exit();
                return null;
            }

            @Override
            public Object dispatch(String command, Object[] args) {
                return null;
            }
        });

        assertThat(rt.newService("quitter").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void uniqueServiceIsStartedOnceForConcurrentCallers() {
        AtomicInteger instances = new AtomicInteger();
        rt.template("registry", ctx -> {
            instances.incrementAndGet();
            return new ServiceHandler() {
                @Override
                public Object init(Object[] args) {
                    return ctx.sleep(5);
                }

                @Override
                public Object dispatch(String command, Object[] args) {
                    return ctx.self();
                }
            };
        });

        List<Address> got = Flux.range(0, 8)
                .flatMap(i -> Mono.defer(() -> rt.uniqueService("registry"))
                        .subscribeOn(reactor.core.scheduler.Schedulers.parallel()))
                .collectList().block(WAIT);

        assertThat(got).hasSize(8).containsOnly(got.get(0));
        assertThat(instances).hasValue(1);
        assertThat(rt.queryService("registry").block(WAIT)).isEqualTo(got.get(0));
    }

    @Test
    void queryServiceWaitsUntilTheUniqueServiceExists() {
        rt.template("late", ctx -> (c, a) -> "here");
        var query = rt.queryService("late").toFuture();
        assertThat(query).isNotDone();

        Address started = rt.uniqueService("late").block(WAIT);
        assertThat(query.join()).isEqualTo(started);
    }

    @Test
    void aFailedUniqueStartIsRemembered() {
        AtomicInteger attempts = new AtomicInteger();
        rt.template("broken", ctx -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("no database");
        });

        assertThatThrownBy(() -> rt.uniqueService("broken").block(WAIT)).hasMessageContaining("no database");
        assertThatThrownBy(() -> rt.uniqueService("broken").block(WAIT)).hasMessageContaining("no database");
        assertThatThrownBy(() -> rt.queryService("broken").block(WAIT)).hasMessageContaining("no database");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void exitFailsEveryWaitingCallerAtOnceAndRunsTheExitHandler() {
        ConcurrentLinkedQueue<String> exits = new ConcurrentLinkedQueue<>();
        rt.template("doomed", ctx -> new ServiceHandler() {
            @Override
            public Object dispatch(String command, Object[] args) {
                if (command.equals("park")) {
                    ctx.response();
                    return null;
                }
                if (command.equals("sleepy")) {
                    return ctx.sleep(Duration.ofMinutes(1));
                }
                ctx.exit();
                return "bye";
            }

            @Override
            public void exit() {
                exits.add("exit ran in " + ctx.self());
            }
        });
        Address d = rt.newService("doomed").block(WAIT);
        rt.name(".doomed", d);

        var parked = rt.call(d, "park").toFuture();
        var sleeping = rt.call(d, "sleepy").toFuture();
        await().atMost(WAIT).until(() -> stats(d).processed() >= 3);
        var quitting = rt.call(d, "quit").toFuture();

        assertThatThrownBy(parked::join).hasCauseInstanceOf(ServiceException.class)
                .hasMessageContaining("service " + d + " exited");
        assertThatThrownBy(sleeping::join).hasMessageContaining("service " + d + " exited");
        assertThat(quitting.join()).isEqualTo("bye");
        assertThat(exits).containsExactly("exit ran in " + d);
        assertThat(rt.resolve(".doomed")).isEmpty();
        assertThatThrownBy(() -> rt.call(d, "park").block(Duration.ofMillis(500)))
                .hasMessageContaining("call to invalid address " + d);
        assertThat(rt.send(d, "park")).isFalse();
    }

    @Test
    void killFailsQueuedCallsAndRunsNoMoreCode() throws InterruptedException {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> ran = new ConcurrentLinkedQueue<>();
        rt.template("victim", ctx -> new ServiceHandler() {
            @Override
            public Object dispatch(String command, Object[] args) throws Exception {
                ran.add(command);
                if (command.equals("hold")) {
                    inHandler.countDown();
                    release.await(); // keeps the worker busy so later calls stay queued
                }
                return command;
            }

            @Override
            public void exit() {
                ran.add("exit");
            }
        });
        Address v = rt.newService("victim").block(WAIT);

        var held = rt.call(v, "hold").toFuture();
        assertThat(inHandler.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var queued = rt.call(v, "queued").toFuture();
        rt.kill(v);
        release.countDown();

        assertThat(held.join()).isEqualTo("hold");
        assertThatThrownBy(queued::join).hasMessageContaining("has exited");
        await().atMost(WAIT).until(() -> rt.services().isEmpty());
        assertThat(ran).containsExactly("hold");
    }

    @Test
    void callsAServiceMadeToAnExitingServiceFailAtOnce() {
        rt.template("echo", ctx -> (c, a) -> a[0]);
        rt.template("front", ctx -> (c, a) -> {
            Address back = (Address) a[0];
            ctx.kill(back);
            return ctx.call(back, "x", "late");
        });
        Address back = rt.newService("echo").block(WAIT);
        Address front = rt.newService("front").block(WAIT);

        assertThatThrownBy(() -> rt.call(front, "go", back).block(WAIT))
                .hasMessageContaining(back.toString());
    }
}

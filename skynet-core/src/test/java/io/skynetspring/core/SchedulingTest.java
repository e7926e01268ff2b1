package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SchedulingTest extends RuntimeFixture {

    @Test
    void forkRunsAfterTheCurrentMessage() {
        rt.template("forker", ctx -> (cmd, args) -> {
            List<String> order = new ArrayList<>();
            order.add("before");
            ctx.fork(() -> order.add("fork"));
            order.add("after");
            return ctx.yield().then(Mono.fromSupplier(() -> List.copyOf(order)));
        });
        Address f = rt.newService("forker").block(WAIT);

        assertThat(rt.call(f, "go").block(WAIT)).isEqualTo(List.of("before", "after", "fork"));
    }

    @Test
    void sleepWaitsInCentisecondsAndNowCountsThem() {
        rt.template("sleeper", ctx -> (cmd, args) -> {
            long start = ctx.now();
            return ctx.sleep(10).then(Mono.fromSupplier(() -> ctx.now() - start));
        });
        Address s = rt.newService("sleeper").block(WAIT);

        long elapsed = (Long) rt.call(s, "nap").block(WAIT);
        assertThat(elapsed).isBetween(9L, 200L);
        assertThat(rt.time()).isCloseTo(rt.starttime() + rt.now() / 100.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(rt.starttime()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
    }

    @Test
    void timeoutRunsTheTaskInsideTheService() {
        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        rt.template("timer", ctx -> (cmd, args) -> {
            Address self = ctx.self();
            ctx.timeout(2, () -> fired.add("fired in " + ctx.self() + " same=" + self.equals(ctx.self())));
            var cancelled = ctx.timeout(Duration.ofMillis(20), () -> fired.add("cancelled one ran"));
            cancelled.dispose();
            return null;
        });
        Address t = rt.newService("timer").block(WAIT);

        rt.call(t, "arm").block(WAIT);
        await().atMost(WAIT).until(() -> fired.size() == 1);
        assertThat(fired).containsExactly("fired in " + t + " same=true");
    }

    @Test
    void waitAndWakeupWithTokens() {
        List<String> log = new ArrayList<>();
        rt.template("waiter", ctx -> (cmd, args) -> switch (cmd) {
            case "wait" -> ctx.wait(args[0]).then(Mono.fromSupplier(() -> {
                log.add("woken " + args[0]);
                return "woken";
            }));
            case "wakeup" -> ctx.wakeup(args[0]);
            case "log" -> List.copyOf(log);
            default -> null;
        });
        Address w = rt.newService("waiter").block(WAIT);

        var waiting = rt.call(w, "wait", "t1").toFuture();
        assertThat(rt.call(w, "wakeup", "nobody").block(WAIT)).isEqualTo(false);
        assertThat(rt.call(w, "wakeup", "t1").block(WAIT)).isEqualTo(true);
        assertThat(waiting.join()).isEqualTo("woken");
        assertThat(rt.call(w, "log").block(WAIT)).isEqualTo(List.of("woken t1"));
    }

    @Test
    void sleepOnATokenReportsBreakWhenWokenEarly() {
        rt.template("napper", ctx -> (cmd, args) -> switch (cmd) {
            case "nap" -> ctx.sleep(Duration.ofMillis(((Number) args[1]).longValue()), args[0])
                    .map(broken -> broken ? "BREAK" : "slept");
            case "wakeup" -> ctx.wakeup(args[0]);
            default -> null;
        });
        Address n = rt.newService("napper").block(WAIT);

        var longNap = rt.call(n, "nap", "tok", 60_000).toFuture();
        await().atMost(WAIT).until(() -> (Boolean) rt.call(n, "wakeup", "tok").block(WAIT));
        assertThat(longNap.join()).isEqualTo("BREAK");
        assertThat(rt.call(n, "nap", "tok", 10).block(WAIT)).isEqualTo("slept");
    }

    @Test
    void aSecondWaiterOnOneTokenIsRefused() {
        rt.template("waiter", ctx -> (cmd, args) -> ctx.wait("same"));
        Address w = rt.newService("waiter").block(WAIT);

        rt.send(w, "first");
        assertThatThrownBy(() -> rt.call(w, "second").block(WAIT))
                .hasMessageContaining("another task already waits on token same");
    }

    @Test
    void blockingWorkRunsOffTheWorkersAndReturnsIntoTheService() {
        rt.template("io", ctx -> (cmd, args) -> {
            String workerThread = Thread.currentThread().getName();
            return ctx.blocking(() -> {
                // real blocking I/O: reading a file, as JDBC would read a socket
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("pom.xml"));
                return Thread.currentThread().getName();
            }).map(ioThread -> List.of(workerThread, ioThread, Thread.currentThread().getName()));
        });
        Address io = rt.newService("io").block(WAIT);

        @SuppressWarnings("unchecked")
        List<String> threads = (List<String>) rt.call(io, "read").block(WAIT);
        assertThat(threads.get(0)).startsWith("skynet-worker-");
        assertThat(threads.get(1)).doesNotStartWith("skynet-worker-");
        assertThat(threads.get(2)).startsWith("skynet-worker-");
    }

    @Test
    void blockingWorkReturnedAsTheReplyAnswersTheCallerAndFailuresReachIt() {
        rt.template("db", ctx -> (cmd, args) -> switch (cmd) {
            case "load" -> ctx.blocking(() -> "row " + args[0]);
            case "broken" -> ctx.blocking(() -> {
                throw new java.sql.SQLException("connection refused");
            });
            default -> null;
        });
        Address db = rt.newService("db").block(WAIT);

        assertThat(rt.call(db, "load", 7).block(WAIT)).isEqualTo("row 7");
        assertThatThrownBy(() -> rt.call(db, "broken").block(WAIT))
                .hasMessageContaining("command 'broken'")
                .hasMessageContaining("SQLException: connection refused");
        assertThat(rt.call(db, "load", 8).block(WAIT)).isEqualTo("row 8");
    }

    @Test
    void blockingWorkRunsOnTheSchedulerGivenAndAFullOneRefusesWithItsOwnWords() {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1),
                r -> new Thread(r, "jdbc-1"), (task, executor) -> {
                    throw new java.util.concurrent.RejectedExecutionException("all 1 jdbc threads are busy");
                });
        reactor.core.scheduler.Scheduler jdbc = reactor.core.scheduler.Schedulers.fromExecutorService(pool);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        rt.template("db", ctx -> (cmd, args) -> switch (cmd) {
            case "where" -> ctx.blocking(jdbc, () -> Thread.currentThread().getName());
            case "hold" -> ctx.blocking(jdbc, () -> release.await(10, java.util.concurrent.TimeUnit.SECONDS));
            default -> null;
        });
        Address db = rt.newService("db").block(WAIT);
        try {
            assertThat(rt.call(db, "where").block(WAIT)).isEqualTo("jdbc-1");

            var held = rt.call(db, "hold").toFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.getActiveCount() == 1);
            var queued = rt.call(db, "where").toFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> pool.getQueue().size() == 1);
            assertThatThrownBy(() -> rt.call(db, "where").block(WAIT))
                    .hasMessageContaining("blocking work refused: all 1 jdbc threads are busy");

            release.countDown();
            assertThat(held.join()).isEqualTo(true);
            assertThat(queued.join()).isEqualTo("jdbc-1");
            assertThat(rt.call(db, "where").block(WAIT)).isEqualTo("jdbc-1");
        } finally {
            release.countDown();
            jdbc.dispose();
        }
    }

    @Test
    void blockingInsideAWorkerIsRefused() {
        rt.template("blocker", ctx -> (cmd, args) -> ctx.call(ctx.self(), "other").block());
        Address b = rt.newService("blocker").block(WAIT);

        assertThatThrownBy(() -> rt.call(b, "go").block(WAIT))
                .hasMessageContaining("block()/blockFirst()/blockLast() are blocking");
    }

    @Test
    void logLinesCarryTheServiceAddress() {
        rt.template("talker", ctx -> (cmd, args) -> {
            ctx.log("hello", 42);
            return org.slf4j.MDC.get("skynet.address");
        });
        Address t = rt.newService("talker").block(WAIT);

        assertThat(rt.call(t, "say").block(WAIT)).isEqualTo(t.toString());
    }
}

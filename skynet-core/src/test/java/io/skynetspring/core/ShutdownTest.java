package io.skynetspring.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String STILL_QUEUED = "ended with work still queued";

    /** Captures the runtime's log; releases {@link #stuck} when the grace warning is logged, noting when. */
    private final CountDownLatch stuck = new CountDownLatch(1);
    private final AtomicLong warnedAt = new AtomicLong();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            super.append(e);
            if (e.getFormattedMessage().contains(STILL_QUEUED)) {
                warnedAt.compareAndSet(0, System.nanoTime());
                stuck.countDown();
            }
        }
    };
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");

    @BeforeEach
    void captureLogs() {
        logs.start();
        skynetLog.addAppender(logs);
    }

    @AfterEach
    void detach() {
        stuck.countDown();
        skynetLog.detachAppender(logs);
    }

    private List<ILoggingEvent> graceWarnings() {
        return logs.list.stream().filter(e -> e.getFormattedMessage().contains(STILL_QUEUED)).toList();
    }

    /**
     * Periodic timers are not queued work: an armed timer holds nothing, and ticks never run out, so
     * waiting for them would always use the whole grace. Here ten services each tick every 10 ms and
     * each tick takes 10 ms, so the two workers always have ticks queued: shutdown must still finish
     * promptly and without the grace warning. Before, it waited the grace out and then warned.
     */
    @Test
    void periodicTimersNeitherHoldShutdownNorTriggerTheGraceWarning() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0));
        AtomicLong ticks = new AtomicLong();
        rt.template("ticker", ctx -> new ServiceHandler() {
            @Override
            public Object init(Object[] args) {
                tick();
                return null;
            }

            private void tick() {
                ctx.timeout(Duration.ofMillis(10), () -> {
                    // stands for a tick's work (saving dirty data, ...): keeps both workers busy
                    LockSupport.parkNanos(10_000_000L);
                    ticks.incrementAndGet();
                    tick();
                });
            }

            @Override
            public Object dispatch(String command, Object[] args) {
                return null;
            }
        });
        int services = 10;
        for (int i = 0; i < services; i++) {
            rt.newService("ticker").block(WAIT);
        }
        await().atMost(WAIT).until(() -> ticks.get() >= services * 3L);

        Duration grace = Duration.ofSeconds(10);
        long start = System.nanoTime();
        rt.shutdown(grace);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(graceWarnings()).isEmpty();
        assertThat(took).isLessThan(grace.dividedBy(5));
    }

    /** A mailbox that really cannot drain: the warning comes, and only once the grace has passed. */
    @Test
    void theGraceWarningComesOnlyAfterTheGraceWhenAMailboxIsStuck() throws Exception {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0));
        CountDownLatch holding = new CountDownLatch(1);
        AtomicLong handled = new AtomicLong();
        rt.template("stuck", ctx -> (command, args) -> {
            if (command.equals("hold")) {
                holding.countDown();
                // released by the grace warning itself, or by the test's end
                stuck.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            handled.incrementAndGet();
            return null;
        });
        Address s = rt.newService("stuck").block(WAIT);
        rt.send(s, "hold");
        assertThat(holding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        for (int i = 0; i < 10; i++) {
            rt.send(s, "queued", i);
        }

        Duration grace = Duration.ofMillis(300);
        long start = System.nanoTime();
        rt.shutdown(grace);

        assertThat(graceWarnings()).hasSize(1).first()
                .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(Duration.ofNanos(warnedAt.get() - start)).isGreaterThanOrEqualTo(grace);
        // nothing accepted is lost: the queued sends still ran before the service exited
        assertThat(handled).hasValue(11);
    }

    @Test
    void shutdownDrainsQueuedMailRunsExitsAndRefusesNewMessages() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0));
        AtomicLong handled = new AtomicLong();
        ConcurrentLinkedQueue<String> exits = new ConcurrentLinkedQueue<>();
        rt.template("saver", ctx -> new ServiceHandler() {
            @Override
            public Object dispatch(String command, Object[] args) {
                handled.incrementAndGet();
                return null;
            }

            @Override
            public void exit() {
                exits.add("saved " + ctx.self());
            }
        });
        Address s = rt.newService("saver").block(WAIT);
        for (int i = 0; i < 10_000; i++) {
            rt.send(s, "dirty", i);
        }

        rt.shutdown(Duration.ofSeconds(5));

        assertThat(handled).hasValue(10_000);
        assertThat(exits).containsExactly("saved " + s);
        assertThat(rt.send(s, "dirty", 1)).isFalse();
        assertThatThrownBy(() -> rt.newService("saver").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("the skynet runtime is shutting down");
    }

    /**
     * Services that keep talking to each other are work, however briefly each message sits in a
     * mailbox: the wait uses the grace and the warning comes after it, never early. (A look reads the
     * mailboxes one after another, so it can find both empty while a message passes between them;
     * before, one such look ended the wait and a second look, a moment later, warned at once.)
     */
    @Test
    void servicesStillTalkingGetTheWholeGraceAndTheWarningOnlyAfterIt() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0));
        AtomicLong rallies = new AtomicLong();
        rt.template("player", ctx -> (command, args) -> {
            rallies.incrementAndGet();
            ctx.send((Address) args[0], "ball", ctx.self());
            return null;
        });
        rt.template("idle", ctx -> (command, args) -> null);
        Address a = rt.newService("player").block(WAIT);
        // services between the two players in handle order, so that a look takes a while to get from
        // one player's mailbox to the other's, as it does on a node with many services
        Flux.range(0, 20_000).flatMap(i -> rt.newService("idle"), 64).blockLast(WAIT);
        Address b = rt.newService("player").block(WAIT);
        rt.send(a, "ball", b);
        await().atMost(WAIT).until(() -> rallies.get() > 1000);

        Duration grace = Duration.ofSeconds(1);
        long start = System.nanoTime();
        rt.shutdown(grace);

        assertThat(graceWarnings()).hasSize(1);
        assertThat(Duration.ofNanos(warnedAt.get() - start)).isGreaterThanOrEqualTo(grace);
    }

    @Test
    void callsFromOutsideAreRefusedOnceShutdownBegins() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(1, 64, 1024, Duration.ofSeconds(5), 0));
        rt.template("echo", ctx -> (c, a) -> a[0]);
        Address e = rt.newService("echo").block(WAIT);
        rt.shutdown(Duration.ofMillis(200));

        assertThatThrownBy(() -> rt.call(e, "x", 1).block(WAIT))
                .hasMessageContaining("shutting down");
    }
}

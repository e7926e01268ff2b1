package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service's pool of connections to a backend that drops connections, stops listening and comes
 * back: refilling, waiting checkouts, the checkout deadline, back-off while the backend is down,
 * connections taken out after a failed exchange or probe.
 */
class ConnectionPoolTest extends SocketFixture {

    /** A service with one pool; its commands drive the pool as a user's service would. */
    static final class Client implements ServiceHandler {
        private final ServiceContext ctx;
        private final List<Connection> held = new ArrayList<>();
        private ConnectionPool pool;

        Client(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Object init(Object[] args) {
            pool = ConnectionPool.open(Sockets.of(ctx), "127.0.0.1", (Integer) args[0], (PoolOptions) args[1]);
            return null;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "ask" -> pool.use(c -> {
                    inside(ctx, "use");
                    c.write(args[0] + "\n");
                    return c.readLine();
                }).doOnSuccess(v -> inside(ctx, "use result")).doOnError(e -> inside(ctx, "use error"))
                        .defaultIfEmpty("(closed)");
                case "fail" -> pool.use(c -> Mono.error(new IllegalStateException("the reply did not parse")));
                case "hold" -> pool.checkout().map(c -> {
                    inside(ctx, "checkout");
                    held.add(c);
                    return c.id();
                });
                case "holdWithin" -> pool.checkout().map(c -> {
                    held.add(c);
                    return c.id();
                }).or(ctx.sleep(Duration.ofMillis((Integer) args[0])).then(Mono.just(-1)));
                case "giveBack" -> pool.release(held.remove(0));
                case "probe" -> {
                    pool.probe(Duration.ofMillis((Integer) args[0]), c -> {
                        inside(ctx, "probe");
                        c.write("ping\n");
                        return c.readLine();
                    });
                    yield true;
                }
                case "stat" -> pool.stat();
                case "close" -> {
                    pool.close();
                    yield true;
                }
                case "netstat" -> Sockets.of(ctx).netstat();
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    private final FlakyBackend backend;

    ConnectionPoolTest() throws IOException {
        backend = new FlakyBackend();
    }

    @AfterEach
    void stopBackend() throws IOException {
        rt.close(); // first, so the pool does not see its backend go
        backend.close();
    }

    /** A client service whose pool has opened all its connections (a cold JVM may take longer than a short checkout deadline). */
    private Address client(PoolOptions options) {
        rt.template("client", Client::new);
        Address client = start("client", backend.port(), options);
        await("pool filled").atMost(WAIT).until(() -> stat(client).idle() == options.size());
        return client;
    }

    private PoolStat stat(Address client) {
        return (PoolStat) call(client, "stat");
    }

    private String ask(Address client, String text) {
        return (String) call(client, "ask", text);
    }

    private String failure(Address client, String command, Object... args) {
        return rt.call(client, command, args).map(v -> "no error: " + v)
                .onErrorResume(e -> Mono.just(e.getMessage())).block(WAIT);
    }

    @Test
    void requestsShareTheFixedSetOfConnectionsWhichTheServiceOwns() {
        Address client = client(PoolOptions.defaults().withSize(2));

        List<Object> replies = Flux.range(1, 20).flatMap(i -> rt.call(client, "ask", "hello " + i))
                .collectList().block(WAIT);

        assertThat(replies).hasSize(20).allMatch(r -> r.toString().startsWith("hello "));
        assertThat(backend.accepts()).isEqualTo(2);
        PoolStat s = stat(client);
        assertThat(s.checkouts()).isEqualTo(20);
        assertThat(s.open()).isEqualTo(2);
        assertThat(s.lost()).isZero();
        assertThat(((NetStat) call(client, "netstat")).sockets())
                .filteredOn(row -> row.remote().endsWith(":" + backend.port()))
                .extracting(SocketStat::holder).containsOnly(client);
    }

    @Test
    void checkoutsOneAfterAnotherGoRoundThePool() {
        Address client = client(PoolOptions.defaults().withSize(3));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add((Integer) call(client, "hold"));
            call(client, "giveBack");
        }
        assertThat(ids.subList(0, 3)).doesNotHaveDuplicates();
        assertThat(ids.subList(3, 6)).isEqualTo(ids.subList(0, 3));
    }

    @Test
    void closingThePoolFailsItsWaitersAndClosesItsConnections() {
        Address client = client(PoolOptions.defaults().withSize(2));
        call(client, "hold");
        call(client, "hold");
        Mono<Object> waiting = rt.call(client, "hold").cache();
        waiting.subscribe(v -> { }, e -> { });
        await().atMost(WAIT).until(() -> stat(client).waiting() == 1);

        call(client, "close");

        assertThat(waiting.map(Object::toString).onErrorResume(e -> Mono.just(e.getMessage())).block(WAIT))
                .contains("pool of 127.0.0.1:" + backend.port() + " in service " + client + " is closed");
        await("backend sees the connections go").atMost(WAIT).until(() -> backend.open() == 0);
        assertThat(failure(client, "ask", "late")).contains("is closed; open a new pool");
    }

    @Test
    void theConnectionsEndWithTheServiceThatOwnsThePool() {
        Address client = client(PoolOptions.defaults().withSize(2));
        await("backend accepted both").atMost(WAIT).until(() -> backend.open() == 2);

        rt.kill(client);

        await("backend sees the connections go").atMost(WAIT).until(() -> backend.open() == 0);
        assertThat(backend.accepts()).isEqualTo(2);
    }

    @Test
    void thePoolRefillsAfterTheBackendDropsItsConnections() {
        Address client = client(PoolOptions.defaults().withSize(3).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));

        backend.dropAll();

        await("three new connections").atMost(WAIT).until(() -> backend.accepts() == 6 && stat(client).idle() == 3);
        PoolStat s = stat(client);
        assertThat(s.lost()).isEqualTo(3);
        assertThat(s.reconnects()).isEqualTo(3);
        assertThat(rt.incidents().count("pool.connection.lost")).isEqualTo(3);
        assertThat(ask(client, "after the drop")).isEqualTo("after the drop");
    }

    @Test
    void aCheckoutWhileAllAreBusyWaitsAndGetsTheReturnedConnection() {
        Address client = client(PoolOptions.defaults().withSize(1));
        int first = (Integer) call(client, "hold");

        Mono<Object> second = rt.call(client, "hold").cache();
        second.subscribe(v -> { }, e -> { });
        await().atMost(WAIT).until(() -> stat(client).waiting() == 1);
        assertThat(stat(client).busy()).isEqualTo(1);

        assertThat(call(client, "giveBack")).isEqualTo(true);

        assertThat(second.block(WAIT)).isEqualTo(first);
        PoolStat s = stat(client);
        assertThat(s.waiting()).isZero();
        assertThat(s.checkouts()).isEqualTo(2);
        assertThat(backend.accepts()).isEqualTo(1);
    }

    @Test
    void aCheckoutPastItsDeadlineFailsNamingTheBackendAndTheService() {
        Address client = client(PoolOptions.defaults().withSize(1).withCheckoutTimeout(Duration.ofMillis(300)));
        call(client, "hold");

        String error = failure(client, "ask", "too late");

        assertThat(error).contains("pool of 127.0.0.1:" + backend.port() + " in service " + client)
                .contains("no connection free within 300 ms (1 of 1 checked out")
                .contains("release connections sooner, or raise the pool size or checkoutTimeout");
        assertThat(stat(client).timeouts()).isEqualTo(1);
        assertThat(rt.incidents().count("pool.checkout.timeout")).isEqualTo(1);
        call(client, "giveBack");
        assertThat(ask(client, "in time")).isEqualTo("in time");
    }

    @Test
    void aWaitingCheckoutThatIsCancelledDoesNotKeepTheReturnedConnection() {
        Address client = client(PoolOptions.defaults().withSize(1));
        int first = (Integer) call(client, "hold");

        assertThat(call(client, "holdWithin", 100)).as("gave up waiting").isEqualTo(-1);
        assertThat(stat(client).waiting()).isZero();
        call(client, "giveBack");

        assertThat(stat(client).idle()).isEqualTo(1);
        assertThat(call(client, "holdWithin", 5_000)).isEqualTo(first);
    }

    @Test
    void checkoutsPastMaxWaitersAreRefusedAtOnce() {
        Address client = client(PoolOptions.defaults().withSize(1).withMaxWaiters(1));
        call(client, "hold");
        Mono<Object> waiting = rt.call(client, "ask", "queued").cache();
        waiting.subscribe(v -> { }, e -> { });
        await().atMost(WAIT).until(() -> stat(client).waiting() == 1);

        assertThat(failure(client, "ask", "one too many"))
                .contains("pool of 127.0.0.1:" + backend.port() + " in service " + client)
                .contains("checkout refused, 1 checkouts already wait");
        assertThat(stat(client).refused()).isEqualTo(1);

        call(client, "giveBack");
        assertThat(waiting.block(WAIT)).isEqualTo("queued");
    }

    @Test
    void aDeadBackendIsRetriedWithDoublingPausesAndServedAgainWhenItIsBack() throws IOException {
        Address client = client(PoolOptions.defaults().withSize(1).withJitter(0)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).withCheckoutTimeout(Duration.ofMillis(200)));
        assertThat(ask(client, "before")).isEqualTo("before");

        long start = System.nanoTime();
        backend.stop();

        await("five refused connects").atMost(WAIT).until(() -> stat(client).connectFailures() >= 5);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        PoolStat s = stat(client);
        // attempts at about 0, 50, 150, 350, 750 ms: the pauses double up to the cap, so 5 failures
        // take at least 750 ms (10 ms of timer-wheel slack per pause); a retry loop without back-off
        // would have failed hundreds of times by then
        assertThat(elapsedMs).isGreaterThanOrEqualTo(700);
        assertThat(s.connectFailures()).isBetween(5L, 6L);
        // a reconnect counts when it starts and its failure when it ends: the next one may be under way
        // when the figures are read (seen once in CI: 6 reconnects, 5 failures)
        assertThat(s.reconnects()).isBetween(s.connectFailures(), s.connectFailures() + 1);
        assertThat(s.lastBackoff()).isEqualTo(Duration.ofMillis(400));
        assertThat(rt.incidents().count("pool.connect.failed")).isBetween(s.connectFailures(), s.connectFailures() + 1);
        assertThat(failure(client, "ask", "while down"))
                .contains("no connection free within 200 ms")
                .contains("the backend is not answering: open 127.0.0.1:" + backend.port() + " failed: Connection refused");

        backend.listenAgain();

        await("back in service").atMost(WAIT).until(() -> stat(client).idle() == 1);
        assertThat(Flux.range(1, 5).concatMap(i -> rt.call(client, "ask", "back " + i)).collectList().block(WAIT))
                .containsExactly("back 1", "back 2", "back 3", "back 4", "back 5");
    }

    @Test
    void aBackendThatHangsUpOnEveryConnectionIsNotHammered() {
        Address client = client(PoolOptions.defaults().withSize(1).withJitter(0)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));
        assertThat(ask(client, "before")).isEqualTo("before");

        backend.hangUpAtOnce(true);
        long start = System.nanoTime();
        backend.dropAll();

        await("five short-lived connections").atMost(WAIT).until(() -> backend.accepts() >= 6);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // the drop of the proven connection reconnects at once; each connection that dies before
        // serving anyone doubles the pause: accepts at about 0, 50, 150, 350, 750 ms
        assertThat(elapsedMs).isGreaterThanOrEqualTo(700);
        PoolStat s = stat(client);
        assertThat(s.connectFailures()).isZero();
        assertThat(s.lost()).isGreaterThanOrEqualTo(5);
        assertThat(s.lastBackoff()).isEqualTo(Duration.ofMillis(400));

        backend.hangUpAtOnce(false);
        await("back in service").atMost(WAIT).until(() -> stat(client).idle() == 1);
        assertThat(ask(client, "after")).isEqualTo("after");
    }

    @Test
    void aConnectionWhosePeerClosesMidExchangeIsTakenOutAndReplaced() {
        Address client = client(PoolOptions.defaults().withSize(1).withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));

        assertThat(ask(client, "quit")).isEqualTo("(closed)");

        await().atMost(WAIT).until(() -> stat(client).idle() == 1 && backend.accepts() == 2);
        assertThat(stat(client).lost()).isEqualTo(1);
        assertThat(ask(client, "next")).isEqualTo("next");
    }

    @Test
    void anExchangeThatFailsDiscardsItsConnection() {
        Address client = client(PoolOptions.defaults().withSize(1));
        assertThat(ask(client, "first")).isEqualTo("first");

        assertThat(failure(client, "fail")).contains("the reply did not parse");

        await().atMost(WAIT).until(() -> backend.accepts() == 2 && stat(client).idle() == 1);
        assertThat(stat(client).lost()).isEqualTo(1);
        assertThat(ask(client, "fresh")).isEqualTo("fresh");
    }

    @Test
    void anExchangeWithABackendThatHangsFailsAtItsDeadlineAndItsConnectionIsReplaced() {
        Address client = client(PoolOptions.defaults().withSize(1).withExchangeTimeout(Duration.ofMillis(300)));
        backend.mute(true);

        assertThat(failure(client, "ask", "hello?"))
                .contains("pool of 127.0.0.1:" + backend.port() + " in service " + client)
                .contains("no reply from connection")
                .contains("within 300 ms; the connection is closed and replaced");

        assertThat(stat(client).exchangeTimeouts()).isEqualTo(1);
        assertThat(rt.incidents().count("pool.exchange.timeout")).isEqualTo(1);
        backend.mute(false);
        await("replaced").atMost(WAIT).until(() -> backend.accepts() == 2 && stat(client).idle() == 1);
        assertThat(stat(client).lost()).isEqualTo(1);
        assertThat(ask(client, "now?")).isEqualTo("now?");
    }

    @Test
    void aProbeKeepsAnsweringConnectionsAndTakesOutOneThatHangs() {
        Address client = client(PoolOptions.defaults().withSize(1).withProbeTimeout(Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
        call(client, "probe", 50);

        await("three probes answered").atMost(WAIT).until(() -> backend.answered() >= 3);
        assertThat(backend.accepts()).isEqualTo(1);
        assertThat(stat(client).probeFailures()).isZero();

        backend.mute(true);
        await("a probe timed out").atMost(WAIT).until(() -> stat(client).probeFailures() >= 1);
        assertThat(rt.incidents().count("pool.probe.failed")).isGreaterThanOrEqualTo(1);
        backend.mute(false);

        await("replaced").atMost(WAIT).until(() -> backend.accepts() >= 2 && stat(client).idle() == 1);
        assertThat(ask(client, "still here")).isEqualTo("still here");
    }
}

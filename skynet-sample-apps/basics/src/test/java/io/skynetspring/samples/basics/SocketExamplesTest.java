package io.skynetspring.samples.basics;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.PoolStat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static io.skynetspring.samples.basics.ServicesExamplesTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 4.4 driven as a client: a pool client service in front of an echo backend that hangs up and goes away. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class SocketExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Skynet skynet;

    /** A backend and a client with a pool of {@code size} connections to it, all of them open. */
    private Address[] pair(int size) {
        Address backend = skynet.newService("echobackend").block(WAIT);
        Address client = skynet.newService("poolclient", backend.toString(), size).block(WAIT);
        await("pool filled").atMost(WAIT).until(() -> stat(client).idle() == size);
        return new Address[] {backend, client};
    }

    private PoolStat stat(Address client) {
        return skynet.call(client, "stat", PoolStat.class).block(WAIT);
    }

    @Test
    void requestsAtOnceShareThePoolsConnections() {
        Address[] p = pair(3);

        List<Object> replies = Flux.range(1, 12).flatMap(i -> skynet.call(p[1], "request", "hello " + i))
                .collectList().block(WAIT);

        assertThat(replies).hasSize(12).allMatch(r -> r.toString().startsWith("hello "));
        assertThat(skynet.call(p[0], "accepted").block(WAIT)).isEqualTo(3);
        assertThat(stat(p[1]).checkouts()).isEqualTo(12);
    }

    @Test
    void whenTheBackendHangsUpThePoolReconnectsAndRequestsGoOn() {
        Address[] p = pair(2);
        assertThat(skynet.call(p[1], "request", "before").block(WAIT)).isEqualTo("before");

        assertThat(skynet.call(p[0], "drop").block(WAIT)).isEqualTo(2);

        await("refilled").atMost(WAIT).until(() -> {
            PoolStat s = stat(p[1]);
            return s.lost() == 2 && s.idle() == 2;
        });
        assertThat(skynet.call(p[0], "accepted").block(WAIT)).isEqualTo(4);
        assertThat(skynet.call(p[1], "request", "after").block(WAIT)).isEqualTo("after");
    }

    @Test
    void whenTheBackendIsGoneARequestFailsNamingItAndThePoolKeepsTrying() {
        Address[] p = pair(1);
        int port = skynet.call(p[0], "port", Integer.class).block(WAIT);

        skynet.kill(p[0]);
        await("connects refused").atMost(WAIT).until(() -> stat(p[1]).connectFailures() >= 1);

        assertThat(failure(skynet.call(p[1], "request", "anyone?")).reason())
                .contains("pool of 127.0.0.1:" + port + " in service " + p[1])
                .contains("no connection free within 1000 ms")
                .contains("the backend is not answering: open 127.0.0.1:" + port + " failed: Connection refused");
        assertThat(stat(p[1]).reconnects()).isGreaterThanOrEqualTo(1);
        skynet.kill(p[1]); // or it keeps trying the dead port, every 10 s at most, for the rest of the run
    }

    @Test
    void aRequestTheBackendNeverAnswersFailsAfterASecondAndItsConnectionIsReplaced() {
        Address[] p = pair(1);
        skynet.call(p[0], "mute", true).block(WAIT);

        assertThat(failure(skynet.call(p[1], "request", "hello?")).reason())
                .contains("no reply from connection")
                .contains("within 1000 ms; the connection is closed and replaced");

        skynet.call(p[0], "mute", false).block(WAIT);
        await("replaced").atMost(WAIT).until(() -> stat(p[1]).idle() == 1 && stat(p[1]).lost() == 1);
        assertThat(skynet.call(p[1], "request", "again").block(WAIT)).isEqualTo("again");
        assertThat(skynet.call(p[0], "accepted").block(WAIT)).isEqualTo(2);
    }

    @Test
    void aRequestOfTwoLinesIsRefusedBeforeItReachesTheBackend() {
        Address[] p = pair(1);
        assertThat(failure(skynet.call(p[1], "request", "one\ntwo")).reason())
                .contains("the line must not contain a line break");
        assertThat(skynet.call(p[1], "request", "one").block(WAIT)).isEqualTo("one");
    }
}

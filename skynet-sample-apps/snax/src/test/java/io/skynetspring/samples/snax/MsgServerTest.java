package io.skynetspring.samples.snax;

import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.samples.snax.msg.MsgApi;
import io.skynetspring.samples.snax.msg.MsgClient;
import io.skynetspring.samples.snax.msg.MsgConf;
import io.skynetspring.samples.snax.msg.SendResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 5.2: sessions connect with a callback, messages reach it, unknown and closed sessions are reported. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class MsgServerTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Snax snax;

    @Test
    void initListensOnTheConfiguredPortAndMessagesReachTheSessionsCallback() {
        SnaxHandle msg = snax.newService("msgserver", new MsgConf("127.0.0.1", 8889, 100)).block(WAIT);
        SnaxHandle client = snax.newService(MsgClient.class).block(WAIT);
        assertThat(msg.req("port", Integer.class).block(WAIT)).isEqualTo(8889);

        msg.post("connection", 7, client);
        assertThat(msg.req("sendMessage", SendResult.class, 7, "hello").block(WAIT)).isEqualTo(new SendResult("ok", null));
        assertThat(msg.req("sendMessage", SendResult.class, 7, "again").block(WAIT).status()).isEqualTo("ok");
        assertThat(msg.req("sendMessage", SendResult.class, 8, "lost").block(WAIT))
                .isEqualTo(new SendResult(null, "session not found"));

        assertThat(client.req("inbox", List.class).block(WAIT)).containsExactly("hello", "again");
    }

    @Test
    void theSameThroughTheTypedInterfaceAndADisconnectedSessionIsGone() {
        MsgApi msg = snax.bind(snax.newService("msgserver", new MsgConf("127.0.0.1", 8890, 100)).block(WAIT),
                MsgApi.class);
        SnaxHandle client = snax.newService(MsgClient.class).block(WAIT);

        assertThat(msg.listen(9000).block(WAIT)).isTrue();
        msg.connection(1, client);
        assertThat(msg.sendMessage(1, "hi").block(WAIT).status()).isEqualTo("ok");
        msg.disconnect(1);
        assertThat(msg.sendMessage(1, "bye").block(WAIT).error()).isEqualTo("session not found");

        assertThat(client.req("inbox", List.class).block(WAIT)).containsExactly("hi");
    }

    @Test
    void sessionsBeyondTheBoundAreRefusedAndCounted() {
        SnaxHandle msg = snax.newService("msgserver", new MsgConf("127.0.0.1", 8891, 2)).block(WAIT);
        SnaxHandle client = snax.newService(MsgClient.class).block(WAIT);
        for (int id = 1; id <= 3; id++) {
            msg.post("connection", id, client);
        }

        assertThat(msg.req("sendMessage", SendResult.class, 2, "in").block(WAIT).status()).isEqualTo("ok");
        assertThat(msg.req("sendMessage", SendResult.class, 3, "out").block(WAIT).error()).isEqualTo("session not found");
    }
}

package io.skynetspring.samples.gateway;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.samples.gateway.protocol.GameProtocol;
import io.skynetspring.sproto.Sproto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and broken clients: each gets a clear answer or a close with one counted log line, and
 * two players in a scene keep playing throughout.
 */
@SpringBootTest(properties = {"spring.main.keep-alive=false", "gateway.port=0", "gateway.send-high=65536",
        "gateway.slow-time=1s", "spring.main.web-application-type=none"})
class BadInputTest {

    private static final AtomicLong IDS = new AtomicLong(5000);
    private static final Sproto C2S = Sproto.parse(GameProtocol.schema("c2s"));

    @Autowired
    SkynetRuntime runtime;

    int port;

    @BeforeEach
    void gatePort() {
        port = runtime.call(runtime.queryService("watchdog").block(), "port", Integer.class).block(Duration.ofSeconds(5));
    }

    @Test
    void aMalformedPacketIsKickedWithTheReason() throws Exception {
        try (TestPlayer bad = new TestPlayer(IDS.incrementAndGet(), port)) {
            long before = runtime.incidents().count("gateway.bad-packet");
            bad.bot.write(new byte[] {(byte) 0xFF});
            String kick = bad.awaitsLine(l -> l.startsWith("kick "));
            assertThat(kick).startsWith("kick bad packet: ").contains("bad packed data");
            bad.awaitsClose();
            assertThat(runtime.incidents().count("gateway.bad-packet")).isEqualTo(before + 1);
            othersStillPlay();
        }
    }

    @Test
    void anUnknownProtocolTagIsKickedNamingIt() throws Exception {
        try (TestPlayer bad = new TestPlayer(IDS.incrementAndGet(), port)) {
            bad.bot.write(C2S.pencode("package", Map.of("type", 99L, "session", 1L)));
            bad.awaits("kick bad packet: unknown protocol tag 99").awaitsClose();
            othersStillPlay();
        }
    }

    @Test
    void aFrameOverTheCapClosesTheConnection() throws Exception {
        try (TestPlayer big = new TestPlayer(IDS.incrementAndGet(), port)) {
            long before = runtime.incidents().count("gate.closed.error");
            big.bot.write(new byte[4097]);
            big.awaitsClose();
            assertThat(runtime.incidents().count("gate.closed.error")).isEqualTo(before + 1);
            othersStillPlay();
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedOnceItHoldsTooMuch() throws Exception {
        try (TestPlayer setter = new TestPlayer(IDS.incrementAndGet(), port); Socket deaf = new Socket()) {
            String big = "x".repeat(3500);
            assertThat(setter.bot.request("set", Map.of("what", "big", "value", big)).get(5, TimeUnit.SECONDS)).isEmpty();
            deaf.setReceiveBufferSize(4096);
            deaf.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            long before = runtime.incidents().count("socket.closed.slow");
            DataOutputStream out = new DataOutputStream(deaf.getOutputStream());
            byte[] packet = C2S.host().attach(C2S).pack("get", Map.of("what", "big"), 1);
            // answers of 3.5 KB asked for and never read, 1,000 more at every poll until the gate closes it (the
            // kernel's send buffer grows as it fills, which can end an episode over the high mark before the slow time)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        out.writeShort(packet.length);
                        out.write(packet);
                    }
                    out.flush();
                } catch (IOException closed) {
                    // the gate closed it between polls
                }
                return runtime.incidents().count("socket.closed.slow") > before;
            });
            assertThat(connectionEnds(deaf.getInputStream())).isTrue();
            othersStillPlay();
        }
    }

    /** Reads until the end of the stream or a reset. */
    private static boolean connectionEnds(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // drain what the kernel still held
            }
            return true;
        } catch (IOException reset) {
            return true;
        }
    }

    private void othersStillPlay() throws Exception {
        try (TestPlayer a = new TestPlayer(IDS.incrementAndGet(), port);
             TestPlayer b = new TestPlayer(IDS.incrementAndGet(), port)) {
            int scene = (int) (a.id % 1000);
            assertThat(a.login(scene).ok()).isTrue();
            assertThat(b.login(scene).ok()).isTrue();
            a.bot.move(4, 2);
            b.awaits("move " + a.id + " 4 2");
        }
    }
}

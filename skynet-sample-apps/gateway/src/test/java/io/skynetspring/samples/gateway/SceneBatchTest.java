package io.skynetspring.samples.gateway;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scene gathering moves ({@code gateway.scene-flush=500ms}): moves made within the delay reach the
 * others as one {@code player_moves}, oldest first, and a mover's own moves are left out of its copy. A bot
 * that reads the move pushes straight from their bytes (as the load generator's) hears the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false", "gateway.port=0", "gateway.scene-flush=500ms"})
class SceneBatchTest {

    @Autowired
    Skynet skynet;

    @LocalServerPort
    int httpPort;

    @Test
    void movesWithinTheDelayArriveAsOneBatchWithoutTheMoversOwn() throws Exception {
        int port = skynet.call(skynet.queryService("watchdog").block(), "port", Integer.class).block(Duration.ofSeconds(5));
        try (TestPlayer a = new TestPlayer(1, port); TestPlayer b = new TestPlayer(2, port);
             WsPlayer watcher = new WsPlayer(3, httpPort);
             TestPlayer direct = new TestPlayer(4, port, GatewayBot.Moves.READ_DIRECT)) {
            a.login(5);
            b.login(5);
            watcher.login(5);
            direct.login(5);
            watcher.awaits("move 4 0 0");
            assertThat(a.bot.moveAcked(1, 1).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
            assertThat(b.bot.moveAcked(2, 2).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
            assertThat(a.bot.moveAcked(3, 3).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);

            watcher.awaits("move 1 3 3");
            assertThat(watcher.heard).containsSubsequence("batch of 3", "move 1 1 1", "move 2 2 2", "move 1 3 3");
            direct.awaits("move 1 3 3");
            assertThat(direct.heard).containsSubsequence("move 1 0 0", "move 2 0 0", "move 3 0 0", "move 1 1 1",
                    "move 2 2 2", "move 1 3 3");
            b.awaits("move 1 3 3");
            assertThat(b.heard).containsSubsequence("move 1 1 1", "move 1 3 3");
            a.awaits("move 2 2 2");
            assertThat(a.heard).noneMatch(l -> l.startsWith("move 1 "));
        }
    }
}

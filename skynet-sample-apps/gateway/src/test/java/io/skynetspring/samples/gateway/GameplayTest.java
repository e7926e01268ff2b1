package io.skynetspring.samples.gateway;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.gateway.bot.LoginResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's game with several bots over the TCP gate: login, move broadcast per scene, logout, heartbeat, idle kick. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false", "gateway.port=0", "gateway.heartbeat=300ms", "gateway.idle-kick=2s"})
class GameplayTest {

    private static final AtomicLong IDS = new AtomicLong(1000);

    @Autowired
    Skynet skynet;

    int port;

    @LocalServerPort
    int httpPort;

    @BeforeEach
    void gatePort() {
        port = skynet.call(skynet.queryService("watchdog").block(), "port", Integer.class).block(Duration.ofSeconds(5));
    }

    private TestPlayer player() {
        return new TestPlayer(IDS.incrementAndGet(), port);
    }

    @Test
    void movesReachTheOtherPlayersOfTheSceneOnly() throws Exception {
        try (TestPlayer a = player(); TestPlayer b = player(); TestPlayer c = player(); TestPlayer far = player()) {
            LoginResult login = a.login(11);
            assertThat(login.ok()).isTrue();
            assertThat(login.name()).isEqualTo("player" + a.id);
            assertThat(login.scene()).isEqualTo(11);
            assertThat(login.level()).isEqualTo(1);
            assertThat(b.login(11).ok()).isTrue();
            assertThat(c.login(11).ok()).isTrue();
            assertThat(far.login(12).ok()).isTrue();
            // a newcomer hears where everyone stands, everyone hears of the newcomer
            c.awaits("move " + a.id + " 0 0").awaits("move " + b.id + " 0 0");
            a.awaits("move " + c.id + " 0 0");

            assertThat(a.bot.moveAcked(3, 4).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
            b.awaits("move " + a.id + " 3 4");
            c.awaits("move " + a.id + " 3 4");
            far.bot.move(7, 7);
            // far's own scene is empty, and a's move went to scene 11 first: far heard nothing of it
            assertThat(far.heard).noneMatch(l -> l.startsWith("move"));
            assertThat(a.heard).doesNotContain("move " + a.id + " 3 4");
        }
    }

    @Test
    void logoutTellsTheSceneAndKeepsWhereThePlayerStood() throws Exception {
        try (TestPlayer a = player(); TestPlayer b = player()) {
            a.login(21);
            b.login(21);
            a.bot.moveAcked(5, 6).get(5, TimeUnit.SECONDS);
            assertThat(a.bot.logout().get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
            b.awaits("leave " + a.id);
            // logged out, the connection stays; a move is refused with a reason
            assertThat(a.bot.moveAcked(1, 1).get(5, TimeUnit.SECONDS)).containsEntry("ok", false)
                    .containsEntry("error", "log in before you move");
            LoginResult again = a.bot.login(a.id, TestPlayer.TOKENS.issue(a.id), null).get(5, TimeUnit.SECONDS);
            assertThat(again.ok()).isTrue();
            assertThat(again.scene()).isEqualTo(21);
            assertThat(again.x()).isEqualTo(5);
            assertThat(again.y()).isEqualTo(6);
            b.awaits("move " + a.id + " 5 6");
        }
    }

    @Test
    void aBadTokenIsRefusedAndThreeCloseTheConnection() throws Exception {
        try (TestPlayer a = player()) {
            for (int i = 1; i <= 3; i++) {
                LoginResult r = a.bot.login(a.id, TestPlayer.TOKENS.issue(a.id + 1), 1).get(5, TimeUnit.SECONDS);
                assertThat(r.ok()).isFalse();
                assertThat(r.error()).startsWith("bad token for player " + a.id);
            }
            a.awaits("kick 3 failed logins").awaitsClose();
        }
    }

    @Test
    void aSecondLoginOfThePlayerReplacesTheFirst() throws Exception {
        try (TestPlayer first = player(); TestPlayer watcher = player()) {
            watcher.login(31);
            first.login(31);
            try (TestPlayer second = new TestPlayer(first.id, port)) {
                assertThat(second.login(31).ok()).isTrue();
                first.awaits("kick player " + first.id + " logged in on another connection").awaitsClose();
                second.bot.move(9, 9);
                watcher.awaits("move " + first.id + " 9 9");
            }
        }
    }

    @Test
    void heartbeatsComeBeforeAndAfterLoginAndAnIdlePlayerIsKicked() throws Exception {
        try (TestPlayer idle = player(); TestPlayer busy = player()) {
            idle.awaits("heartbeat");
            idle.login(41);
            long loggedIn = System.nanoTime();
            busy.login(41);
            idle.awaits("heartbeat time");
            // busy moves every 200 ms; idle sends nothing for 2 s and is kicked at the next heartbeat, busy is not
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
                busy.bot.move(1, 2);
                return idle.bot.closed().isDone();
            });
            long idleFor = System.nanoTime() - loggedIn;
            assertThat(idle.heard).contains("kick idle for 2 s");
            assertThat(Duration.ofNanos(idleFor)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(3500));
            busy.awaits("leave " + idle.id);
            assertThat(busy.bot.isOpen()).isTrue();
            assertThat(busy.bot.moveAcked(3, 3).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
        }
    }

    @Test
    void webSocketClientsPlayWithTcpClients() throws Exception {
        try (TestPlayer tcp = player(); WsPlayer ws = new WsPlayer(IDS.incrementAndGet(), httpPort)) {
            assertThat(ws.login(51)).containsEntry("ok", true).containsEntry("scene", 51L);
            tcp.login(51);
            ws.awaits("move " + tcp.id + " 0 0");
            tcp.awaits("move " + ws.id + " 0 0");
            tcp.bot.move(8, 9);
            ws.awaits("move " + tcp.id + " 8 9");
            ws.move(1, 2);
            tcp.awaits("move " + ws.id + " 1 2");
        }
    }
}

package io.skynetspring.samples.gateway;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.samples.gateway.bot.LoginResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins past the node's rate are answered "busy" before any player data is loaded; players already in keep playing. */
@SpringBootTest(properties = {"spring.main.keep-alive=false", "gateway.port=0", "gateway.login-rate=1",
        "gateway.login-burst=10", "spring.main.web-application-type=none"})
class LoginFloodTest {

    @Autowired
    SkynetRuntime runtime;

    @Test
    void aFloodOfLoginsIsAnsweredBusyPastTheBurst() throws Exception {
        int port = runtime.call(runtime.queryService("watchdog").block(), "port", Integer.class).block(Duration.ofSeconds(5));
        List<TestPlayer> flood = new ArrayList<>();
        try (TestPlayer a = new TestPlayer(1, port); TestPlayer b = new TestPlayer(2, port)) {
            assertThat(a.login(7).ok()).isTrue();
            assertThat(b.login(7).ok()).isTrue();
            List<CompletableFuture<LoginResult>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                TestPlayer p = new TestPlayer(100 + i, port);
                flood.add(p);
                answers.add(p.bot.login(p.id, TestPlayer.TOKENS.issue(p.id), 8));
            }
            int ok = 0;
            int busy = 0;
            for (CompletableFuture<LoginResult> answer : answers) {
                LoginResult r = answer.get(5, TimeUnit.SECONDS);
                if (r.ok()) {
                    ok++;
                } else {
                    assertThat(r.error()).startsWith("server busy: more than 10 logins at once and 1.0 a second");
                    busy++;
                }
            }
            // 8 of the burst of 10 were left after a and b, plus what 1 a second refilled meanwhile
            assertThat(ok).isBetween(8, 12);
            assertThat(busy).isEqualTo(30 - ok);
            assertThat(runtime.incidents().count("gateway.login.busy")).isEqualTo(busy);
            // refused logins leave their connections open, and the players already in are not disturbed
            assertThat(flood).allMatch(p -> p.bot.isOpen());
            a.bot.move(6, 6);
            b.awaits("move 1 6 6");
        } finally {
            flood.forEach(TestPlayer::close);
        }
    }
}

package io.skynetspring.samples.snax;

import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.samples.snax.login.LoginApi;
import io.skynetspring.samples.snax.login.LoginReply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 5.3: accounts from a Spring bean, tokens, gateways registered by post, logout. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class LoginServerTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Snax snax;

    @Test
    void loginChecksTheAccountAndHandsOutATokenAndAGateway() {
        SnaxHandle login = snax.newService("loginserver", "test").block(WAIT);
        login.post("registerGate", 1, "gate-1");
        login.post("registerGate", 2, "gate-2");

        assertThat(login.req("login", LoginReply.class, "alice", "nope").block(WAIT))
                .isEqualTo(new LoginReply(1, "wrong user name or password", null, null));
        assertThat(login.req("login", LoginReply.class, "mallory", "wonderland").block(WAIT).code()).isEqualTo(1);
        LoginReply alice = login.req("login", LoginReply.class, "alice", "wonderland").block(WAIT);
        LoginReply bob = login.req("login", LoginReply.class, "bob", "builder").block(WAIT);

        assertThat(alice.code()).isZero();
        assertThat(alice.message()).isEqualTo("login ok");
        assertThat(alice.token()).hasSize(32).isNotEqualTo(bob.token());
        assertThat(List.of(alice.gateway(), bob.gateway())).containsExactly("gate-1", "gate-2");
        assertThat(login.req("online", List.class).block(WAIT)).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void logoutTakesTheTokenBackOnceThroughTheTypedInterface() {
        LoginApi login = snax.bind(snax.newService("loginserver", "test").block(WAIT), LoginApi.class);
        LoginReply in = login.login("bob", "builder").block(WAIT);
        assertThat(in.gateway()).as("no gate registered yet").isNull();

        assertThat(login.logout(in.token()).block(WAIT).code()).isZero();
        assertThat(login.logout(in.token()).block(WAIT)).isEqualTo(new LoginReply(1, "not logged in", null, null));
    }

    @Test
    void theNodesLoginServerIsStartedByTheBootstrap() {
        SnaxHandle login = snax.queryService("loginserver").block(WAIT);
        assertThat(snax.uniqueService("loginserver").block(WAIT)).isEqualTo(login);
        assertThat(login.req("login", LoginReply.class, "alice", "wonderland").block(WAIT).code()).isZero();
    }
}

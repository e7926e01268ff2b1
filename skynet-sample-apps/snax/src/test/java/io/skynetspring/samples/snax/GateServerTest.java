package io.skynetspring.samples.snax;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.snax.HotfixResult;
import io.skynetspring.core.snax.MethodProfile;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxBindException;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.samples.snax.gate.GateApi;
import io.skynetspring.samples.snax.gate.GateConfig;
import io.skynetspring.samples.snax.gate.GateServer;
import io.skynetspring.samples.snax.gate.Handshake;
import io.skynetspring.samples.snax.gate.LoginTicket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Mono;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seed 5.1 driven as its client code does: post accept, req handshake, req login, then a hotfix that keeps the state. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class GateServerTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Snax snax;

    SnaxHandle newGate() {
        return snax.newService("gateserver", new GateConfig("0.0.0.0", 8888, 10)).block(WAIT);
    }

    @Test
    void acceptThenHandshakeThenLogin() {
        SnaxHandle gate = newGate();

        assertThat(gate.post("accept", 100, "192.168.1.1")).isTrue();
        Handshake result = gate.req("handshake", Handshake.class, 100).block(WAIT);
        assertThat(result.status()).isEqualTo("ok");
        LoginTicket login = gate.req("login", LoginTicket.class, 100, "user", "pass").block(WAIT);
        assertThat(login).isEqualTo(new LoginTicket("t1001-user", 1001));

        assertThat(failure(gate.req("handshake", 7)).reason()).isEqualTo("no connection 7; post accept(7, addr) first");
        assertThatThrownBy(() -> gate.post("handshake", 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'handshake' of snax service gateserver is a @Response method: req it");
    }

    @Test
    void theSameThroughTheTypedInterface() {
        GateApi gate = snax.bind(newGate(), GateApi.class);

        gate.accept(5, "10.0.0.5");
        assertThat(gate.handshake(5).block(WAIT)).isEqualTo(new Handshake("ok"));
        assertThat(gate.login(5, "ann", "pw").block(WAIT).userid()).isEqualTo(1001);
        assertThat(gate.login(5, "ann", "pw").block(WAIT).userid()).as("one login per connection").isEqualTo(1001);
        gate.disconnect(5);
        assertThat(failure(gate.handshake(5)).reason()).startsWith("no connection 5");
    }

    interface WrongGate {
        Mono<Handshake> handshake(String id);
    }

    @Test
    void anInterfaceThatDoesNotFitIsRefusedAtBind() {
        assertThatThrownBy(() -> snax.bind(newGate(), WrongGate.class)).isInstanceOf(SnaxBindException.class)
                .hasMessageContaining("WrongGate.handshake: parameter 1 is String");
    }

    @Test
    void hotfixToVersion2KeepsConnectionsLoginsAndCounts(@TempDir Path dir) throws Exception {
        Path v2 = HotfixBuild.compile("io/skynetspring/samples/snax/gate/GateServer.java", dir, GateServer.class);
        SnaxHandle gate = newGate();
        GateApi api = snax.bind(gate, GateApi.class);
        api.accept(100, "192.168.1.1");
        api.accept(101, "192.168.1.2");
        assertThat(api.login(100, "user", "pass").block(WAIT).userid()).isEqualTo(1001);
        assertThat(api.handshake(101).block(WAIT).status()).isEqualTo("ok");

        HotfixResult r = snax.hotfix(gate, v2).block(WAIT);

        assertThat(r.service()).isEqualTo("gateserver");
        assertThat(r.newLoader()).isNotEqualTo(r.oldLoader());
        assertThat(r.fieldsCarried()).contains("connections", "logins", "maxClients", "nextUserId");
        assertThat(api.version().block(WAIT)).isEqualTo(2);
        assertThat(api.handshake(101).block(WAIT).status()).isEqualTo("ok");
        assertThat(api.login(100, "user", "pass").block(WAIT).userid()).as("the login made before").isEqualTo(1001);
        assertThat(api.login(101, "other", "pass").block(WAIT).userid()).as("the id sequence").isEqualTo(1002);
        Map<String, MethodProfile> profile = snax.profile(gate).block(WAIT);
        assertThat(profile.get("handshake").count()).as("counts from both versions").isEqualTo(2);
        assertThat(profile.get("login").count()).isEqualTo(3);

        snax.kill(gate, "bye").block(WAIT);
        await().atMost(WAIT).until(() -> snax.handle(gate.address()).isEmpty());
    }

    static ServiceException failure(Mono<?> req) {
        try {
            req.block(WAIT);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("the req succeeded");
    }
}

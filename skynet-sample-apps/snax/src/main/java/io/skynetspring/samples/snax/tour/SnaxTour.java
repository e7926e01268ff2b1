package io.skynetspring.samples.snax.tour;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.samples.snax.gate.GateApi;
import io.skynetspring.samples.snax.gate.GateConfig;
import io.skynetspring.samples.snax.gate.Handshake;
import io.skynetspring.samples.snax.gate.LoginTicket;
import io.skynetspring.samples.snax.login.LoginApi;
import io.skynetspring.samples.snax.login.LoginReply;
import io.skynetspring.samples.snax.msg.MsgClient;
import io.skynetspring.samples.snax.msg.MsgConf;
import io.skynetspring.samples.snax.msg.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Seed section 5 as its client code runs it: the gate, message and login servers, by name and through typed interfaces. */
@Component
public class SnaxTour implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("tour");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Snax snax;

    public SnaxTour(Snax snax) {
        this.snax = snax;
    }

    @Override
    public void run(ApplicationArguments args) {
        SnaxHandle gate = gate();
        messages();
        login(gate);
    }

    private SnaxHandle gate() {
        SnaxHandle gate = snax.newService("gateserver", new GateConfig("0.0.0.0", 8888, 1000)).block(WAIT);
        gate.post("accept", 100, "192.168.1.1");
        Handshake result = gate.req("handshake", Handshake.class, 100).block(WAIT);
        log.info("[5.1 gateserver] handshake 100 -> {}", result);
        if ("ok".equals(result.status())) {
            LoginTicket ticket = gate.req("login", LoginTicket.class, 100, "user", "pass").block(WAIT);
            log.info("[5.1 gateserver] login 100 user -> token {}, userid {}", ticket.token(), ticket.userid());
        }
        log.info("[5.1 gateserver] handshake 7 (never accepted) -> {}", outcome(gate.req("handshake", 7)));
        GateApi api = snax.bind(gate, GateApi.class);
        api.accept(101, "192.168.1.2");
        log.info("[5.1 gateserver] through GateApi: handshake 101 -> {}, version {}", api.handshake(101).block(WAIT),
                api.version().block(WAIT));
        log.info("[5.1 gateserver] profile (calls per method) {}", snax.profile(gate).block(WAIT).values().stream()
                .map(p -> p.method() + "=" + p.count()).toList());
        return gate;
    }

    private void messages() {
        SnaxHandle msg = snax.newService("msgserver", new MsgConf("127.0.0.1", 8889, 10_000)).block(WAIT);
        SnaxHandle client = snax.newService(MsgClient.class).block(WAIT);
        msg.post("connection", 7, client);
        log.info("[5.2 msgserver] send_message 7 -> {}", msg.req("sendMessage", SendResult.class, 7, "hello").block(WAIT));
        log.info("[5.2 msgserver] send_message 8 -> {}", msg.req("sendMessage", SendResult.class, 8, "hello").block(WAIT));
        log.info("[5.2 msgserver] client 7 received {}", client.req("inbox").block(WAIT));
    }

    private void login(SnaxHandle gate) {
        SnaxHandle login = snax.queryService("loginserver").block(WAIT);
        LoginApi api = snax.bind(login, LoginApi.class);
        api.registerGate(1, gate.address().toString());
        log.info("[5.3 loginserver] login alice with a wrong password -> {}", api.login("alice", "nope").block(WAIT));
        LoginReply ok = api.login("alice", "wonderland").block(WAIT);
        log.info("[5.3 loginserver] login alice -> code {} {}, gateway {}", ok.code(), ok.message(), ok.gateway());
        log.info("[5.3 loginserver] logout -> {}", api.logout(ok.token()).block(WAIT));
        log.info("[5.3 loginserver] logout again -> {}", api.logout(ok.token()).block(WAIT));
    }

    private static String outcome(Mono<?> req) {
        try {
            return String.valueOf(req.block(WAIT));
        } catch (ServiceException e) {
            return "error: " + e.reason();
        }
    }
}

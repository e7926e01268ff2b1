package io.skynetspring.samples.basics;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.samples.basics.service.Player;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed section 1 driven as a client: the calculator, the player service, config through env. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class ServicesExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Skynet skynet;

    @Test
    void calculatorComputesAndRefusesDivisionByZero() {
        Address calc = skynet.newService("calculator").block(WAIT);
        assertThat(skynet.call(calc, "add", 10, 20).block(WAIT)).isEqualTo(30L);
        assertThat(skynet.call(calc, "mul", 5, 6).block(WAIT)).isEqualTo(30L);
        assertThat(skynet.call(calc, "sub", 5, 6).block(WAIT)).isEqualTo(-1L);
        assertThat(skynet.call(calc, "div", 7, 2).block(WAIT)).isEqualTo(3.5);

        ServiceException e = failure(skynet.call(calc, "div", 1, 0));
        assertThat(e.reason()).isEqualTo("division by zero");
        assertThat(e.service()).isEqualTo("calculator");
        assertThat(e.command()).isEqualTo("div");
        assertThat(failure(skynet.call(calc, "pow", 2, 8)).reason())
                .startsWith("unknown command 'pow' for service calculator");
        assertThat(skynet.call(calc, "add", 1, 1).block(WAIT)).isEqualTo(2L);
    }

    @Test
    void playerServiceKeepsItsPlayersAndNamesWhatIsWrong() {
        Address player = skynet.newService("player").block(WAIT);
        assertThat(skynet.call(player, "create", Player.class, 1001).block(WAIT))
                .isEqualTo(new Player(1001, 1, 100, 100));
        assertThat(failure(skynet.call(player, "create", 1001)).reason()).isEqualTo("player exists: 1001");
        skynet.call(player, "levelup", 1001).block(WAIT);
        assertThat(skynet.call(player, "levelup", Player.class, 1001).block(WAIT))
                .isEqualTo(new Player(1001, 3, 100, 100));
        assertThat(skynet.call(player, "get", Player.class, 1001).block(WAIT).level()).isEqualTo(3);
        assertThat(failure(skynet.call(player, "get", 1002)).reason()).isEqualTo("no player: 1002");
        assertThat(failure(skynet.call(player, "levelup", 1002)).reason()).isEqualTo("no player: 1002");

        Address another = skynet.newService("player").block(WAIT);
        assertThat(failure(skynet.call(another, "get", 1001)).reason()).isEqualTo("no player: 1001");
    }

    @Test
    void configComesFromEnvAndAKeyIsNeverOverwritten() {
        Address config = skynet.queryService("config").block(WAIT);
        assertThat(skynet.call(config, "get", "db_host").block(WAIT)).isEqualTo("127.0.0.1");
        assertThat(skynet.call(config, "get", "db_port").block(WAIT)).isEqualTo("3306");
        assertThat(skynet.call(config, "get", "log_level").block(WAIT)).isEqualTo("info");
        assertThat(failure(skynet.call(config, "set", "db_host", "10.0.0.1")).reason())
                .contains("Can't setenv exist key : db_host");

        String key = "k" + UUID.randomUUID();
        skynet.call(config, "set", key, "v").blockOptional(WAIT);
        assertThat(skynet.getenv(key)).isEqualTo("v");
        assertThat(skynet.call(config, "get", key).block(WAIT)).isEqualTo("v");
    }

    static ServiceException failure(Mono<?> call) {
        try {
            call.block(WAIT);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("the call succeeded");
    }
}

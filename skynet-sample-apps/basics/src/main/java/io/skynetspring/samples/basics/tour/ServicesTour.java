package io.skynetspring.samples.basics.tour;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Seed section 1 as a client runs it: the calculator, the player service and config through env. */
@Component
@Order(1)
public class ServicesTour implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("tour");

    private final Skynet skynet;

    public ServicesTour(Skynet skynet) {
        this.skynet = skynet;
    }

    @Override
    public void run(ApplicationArguments args) {
        calculator();
        players();
        config();
    }

    private void calculator() {
        Address calc = skynet.newService("calculator").block(Outcome.WAIT);
        log.info("[1.1 calculator] 10 + 20 = {}", Outcome.of(skynet.call(calc, "add", 10, 20)));
        log.info("[1.1 calculator] 5 * 6 = {}", Outcome.of(skynet.call(calc, "mul", 5, 6)));
        log.info("[1.1 calculator] 7 / 2 = {}", Outcome.of(skynet.call(calc, "div", 7, 2)));
        log.info("[1.1 calculator] 1 / 0 = {}", Outcome.of(skynet.call(calc, "div", 1, 0)));
        log.info("[1.1 calculator] pow 2 8 = {}", Outcome.of(skynet.call(calc, "pow", 2, 8)));
    }

    private void players() {
        Address player = skynet.newService("player").block(Outcome.WAIT);
        log.info("[1.2 player] create 1001 -> {}", Outcome.of(skynet.call(player, "create", 1001)));
        log.info("[1.2 player] create 1001 again -> {}", Outcome.of(skynet.call(player, "create", 1001)));
        log.info("[1.2 player] levelup 1001 -> {}", Outcome.of(skynet.call(player, "levelup", 1001)));
        log.info("[1.2 player] get 1002 -> {}", Outcome.of(skynet.call(player, "get", 1002)));
    }

    private void config() {
        Address config = skynet.queryService("config").block(Outcome.WAIT);
        log.info("[1.3 config] db_host = {}, log_level = {}", Outcome.of(skynet.call(config, "get", "db_host")),
                Outcome.of(skynet.call(config, "get", "log_level")));
        log.info("[1.3 config] setenv db_host again -> {}",
                Outcome.of(skynet.call(config, "set", "db_host", "10.0.0.1")));
    }
}

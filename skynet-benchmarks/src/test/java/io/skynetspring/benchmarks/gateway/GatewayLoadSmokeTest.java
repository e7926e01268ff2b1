package io.skynetspring.benchmarks.gateway;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.socket.SocketTransport;
import io.skynetspring.samples.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway load generator, briefly, against the gateway app in this JVM: 10 idle players measured
 * through jcmd, then two levels of 10 and 20 players in scenes of 5 moving 10 times a second. Every
 * move is timed at the 4 others of its scene, none missed or heard twice. No timing is asserted.
 */
class GatewayLoadSmokeTest {

    @Test
    @Timeout(120)
    void levelsRiseAndEveryMoveReachesTheOthersOfItsScene() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class)
                // the other samples on this class path bring an application.yml and JDBC, Flyway and Redis: the gateway's
                // bootstrap is given here and their auto-configuration is left out
                .run("--spring.config.location=optional:classpath:/no-such-file.yml",
                        "--spring.autoconfigure.exclude=org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                                + "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
                        "--skynet.bootstrap[0].name=simpledb", "--skynet.bootstrap[0].unique=true",
                        "--skynet.bootstrap[0].register=.simpledb", "--skynet.bootstrap[1].name=world",
                        "--skynet.bootstrap[1].unique=true", "--skynet.bootstrap[1].register=.world",
                        "--skynet.bootstrap[2].name=watchdog", "--skynet.bootstrap[2].unique=true",
                        "--gateway.port=0", "--spring.main.web-application-type=none", "--spring.main.keep-alive=false")) {
            Skynet skynet = app.getBean(Skynet.class);
            int port = skynet.call(skynet.queryService("watchdog").block(), "port", Integer.class)
                    .block(Duration.ofSeconds(5));
            GatewayLoad.Result r = GatewayLoad.run(new GatewayLoad.Settings(port, ProcessHandle.current().pid(), 10,
                    10, 10, 20, 5, 10, Duration.ofMillis(500), Duration.ofSeconds(2), 10_000, 1,
                    "skynet-gateway-dev-secret", "smoke", GatewayLoad.Settings.CLOCK, SocketTransport.AUTO));

            assertThat(r.idle().loggedIn()).isEqualTo(10);
            assertThat(r.idle().heapAfter()).isPositive();
            assertThat(r.levels()).hasSize(2);
            assertThat(r.held()).isEqualTo(20);
            GatewayLoad.Level top = r.levels().get(1);
            assertThat(top.players()).isEqualTo(20);
            assertThat(top.loggedIn()).isEqualTo(20);
            assertThat(top.failed()).isZero();
            assertThat(top.closed()).isZero();
            assertThat(r.levels()).allSatisfy(level -> {
                assertThat(level.lost()).isZero();
                assertThat(level.extra()).isZero();
            });
            // 20 players at 10 moves/s, each move for the 4 others of its scene
            assertThat(top.movesPerSecond()).isBetween(150.0, 250.0);
            assertThat(top.expectedPerSecond()).isCloseTo(4 * top.movesPerSecond(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(top.deliveriesPerSecond()).isBetween(0.9 * top.expectedPerSecond(), 1.1 * top.expectedPerSecond());
            assertThat(top.p99Millis()).isPositive().isGreaterThanOrEqualTo(top.p50Millis());
            assertThat(top.appCpuPercent()).isPositive();
            assertThat(top.line()).startsWith("RESULT label=smoke players=20 logged_in=20 failed=0 closed=0").contains(" lost=0 extra=0 ");
            assertThat(top.slicesLine()).matches("LATE label=smoke players=20 window_start=[0-9:.]+ slices_late=0");

            // with a limit of 0 every delivery is late: every 10 ms slice that heard one lists all it heard as late;
            // and each player on its own exact schedule (clock 0) rather than in 1 ms slots, the bots on NIO
            GatewayLoad.Result late = GatewayLoad.run(new GatewayLoad.Settings(port, ProcessHandle.current().pid(), 0,
                    10, 0, 10, 5, 10, Duration.ofMillis(500), Duration.ofSeconds(1), 0, 1,
                    "skynet-gateway-dev-secret", "late", Duration.ZERO, SocketTransport.NIO));
            assertThat(late.held()).isZero();
            assertThat(late.levels()).singleElement().satisfies(level -> assertThat(level.slicesLine())
                    .matches("LATE label=late players=10 window_start=[0-9:.]+ slices_late=[1-9][0-9]* at_ms:late_pct/worst_ms( [0-9]+:100/[0-9]+)+"));
            assertThat(late.levels().get(0).movesPerSecond()).isBetween(75.0, 125.0);
        }
    }
}

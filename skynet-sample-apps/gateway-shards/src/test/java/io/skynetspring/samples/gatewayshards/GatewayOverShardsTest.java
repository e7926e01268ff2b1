package io.skynetspring.samples.gatewayshards;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.gateway.GatewayApplication;
import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.bot.LoginResult;
import io.skynetspring.samples.gateway.login.LoginTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway app itself with {@code gateway.data=cluster} over two db-proxy shards and the cache, as a
 * player sees it through the TCP gate: what it did is stored on its shard at logout and is there at the
 * next login; with its shard stopped its login is refused naming the shard, while the other shard's
 * players log in; the shard restarted, the login works again. Players still logged in when the gateway
 * stops are saved on their shards before its cluster closes.
 */
@NeedsServers
class GatewayOverShardsTest {

    static final LoginTokens TOKENS = new LoginTokens("skynet-gateway-dev-secret");

    @Test
    void aStoppedShardRefusesItsPlayersLoginNamingItWhileTheOtherShardsPlayersPlay() throws Exception {
        try (ShardDatabases databases = ShardDatabases.create(2);
             DataNodes nodes = DataNodes.start(databases, 2);
             ConfigurableApplicationContext gateway = gateway(nodes)) {
            int port = gatePort(gateway);

            try (GatewayBot bot = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                assertThat(login(bot, 2002).ok()).isTrue();
                bot.moveAcked(7, 8).get(5, TimeUnit.SECONDS);
                bot.logout().get(5, TimeUnit.SECONDS);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(databases.longs(0,
                    "SELECT JSON_VALUE(data, '$.x') FROM players WHERE id = 2002")).containsExactly(7L));

            nodes.stop("db1");
            try {
                try (GatewayBot bot = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                    LoginResult refused = login(bot, 2001);
                    assertThat(refused.ok()).isFalse();
                    assertThat(refused.error()).startsWith("player 2001 cannot be loaded: its shard db1 (2 of 2) failed: "
                            + "cluster node [db1]");
                }
                try (GatewayBot bot = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                    LoginResult back = login(bot, 2002);
                    assertThat(back.ok()).isTrue();
                    assertThat(List.of(back.x(), back.y())).containsExactly(7L, 8L);
                }
            } finally {
                nodes.restart("db1");
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                try (GatewayBot bot = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                    assertThat(login(bot, 2001).ok()).isTrue();
                }
            });
        }
    }

    @Test
    void playersStillLoggedInWhenTheGatewayStopsAreSavedOnTheirShards() throws Exception {
        try (ShardDatabases databases = ShardDatabases.create(2);
             DataNodes nodes = DataNodes.start(databases, 2)) {
            ConfigurableApplicationContext gateway = gateway(nodes);
            int port = gatePort(gateway);
            try (GatewayBot even = GatewayBot.connect("127.0.0.1", port, new BotListener() { });
                 GatewayBot odd = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                assertThat(login(even, 4002).ok()).isTrue();
                assertThat(login(odd, 4001).ok()).isTrue();
                assertThat(even.moveAcked(21, 22).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);
                assertThat(odd.moveAcked(31, 32).get(5, TimeUnit.SECONDS)).containsEntry("ok", true);

                gateway.close();
                await().atMost(WAIT).until(() -> even.closed().isDone() && odd.closed().isDone());
            } finally {
                gateway.close();
            }
            // saved as the gateway stopped: no logout came, the connections were still open
            assertThat(databases.longs(0, "SELECT JSON_VALUE(data, '$.x') FROM players WHERE id = 4002"))
                    .containsExactly(21L);
            assertThat(databases.longs(1, "SELECT JSON_VALUE(data, '$.x') FROM players WHERE id = 4001"))
                    .containsExactly(31L);
        }
    }

    private static LoginResult login(GatewayBot bot, long id) throws Exception {
        return bot.login(id, TOKENS.issue(id), null).get(5, TimeUnit.SECONDS);
    }

    private static int gatePort(ConfigurableApplicationContext gateway) {
        Skynet skynet = gateway.getBean(Skynet.class);
        return skynet.call(skynet.queryService("watchdog").block(WAIT), "port", Integer.class).block(WAIT);
    }

    private static ConfigurableApplicationContext gateway(DataNodes nodes) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.location=" + DataNodes.configOf(GatewayApplication.class),
                // the db-proxy's migrations are on this classpath too; the gateway has no database
                "--spring.flyway.enabled=false",
                "--spring.main.keep-alive=false",
                "--spring.main.banner-mode=off",
                "--logging.include-application-name=false",
                "--server.port=0",
                "--gateway.port=0",
                "--gateway.data=cluster",
                "--gateway.cluster-data.shards=" + String.join(",", nodes.shards()),
                "--gateway.cluster-data.cache=" + DataNodes.CACHE,
                "--skynet.cluster.name=gateway"));
        nodes.table().forEach((node, address) -> args.add("--skynet.cluster.nodes." + node + "=" + address));
        return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    }
}

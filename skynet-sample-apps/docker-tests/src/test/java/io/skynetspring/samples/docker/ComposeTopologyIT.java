package io.skynetspring.samples.docker;

import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.bot.LoginResult;
import io.skynetspring.samples.gateway.login.LoginTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docker/ for real, where a Docker engine answers: the stand-ins for public images and every app's image are
 * built (the apps' jars packaged by this same build), the basics image runs alone, and compose.yaml (over
 * compose.test.yaml) comes up: every container healthy, one cluster found through Redis, a bot's player read from
 * its shard through each gateway, a chat line through the chat, every app scraped by Prometheus, a gateway
 * stopped gracefully and started again with its players back. Then down, volumes and all. What it measured
 * (image sizes, start and stop times, the machine's load) is printed and kept in target/docker-figures.txt.
 */
@NeedsDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTopologyIT {

    static final List<String> APPS = ComposeFileTest.APP_SERVICES;
    static final List<String> SERVICES = List.of("mariadb", "redis", "prometheus", "db0", "db1", "cache", "gateway1",
            "gateway2", "chat");
    static final Duration START = Duration.ofMinutes(5);
    /** The compose file's stop_grace_period: a stop must end well before the engine would kill. */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** 128 + SIGTERM: the JVM ran its shutdown and exited on the signal (a kill after the grace period is 137). */
    static final int EXIT_ON_SIGTERM = 143;
    static final Path TARGET = Path.of("target");
    static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final Figures figures = new Figures();
    static long began;
    static Topology topology;
    static LoginTokens tokens;

    @BeforeAll
    static void buildImagesAndStartTheTopology() throws Exception {
        began = System.nanoTime();
        figures.load("at the start");
        Images.buildStandIns(figures);
        for (String app : Images.APPS) {
            Images.build(app, figures);
        }
        basicsRunsAloneAndStopsOnSigterm();

        Map<String, String> env = new LinkedHashMap<>();
        for (String secret : List.of("MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD", "REDIS_PASSWORD",
                "SKYNET_CLUSTER_SECRET", "GATEWAY_TOKEN_SECRET", "GRAFANA_ADMIN_PASSWORD")) {
            env.put(secret, UUID.randomUUID().toString().replace("-", ""));
        }
        env.put("PUBLISH_ADDRESS", "127.0.0.1");
        for (String port : List.of("GATEWAY1_PORT", "GATEWAY2_PORT", "CHAT_PORT", "GRAFANA_PORT")) {
            env.put(port, Integer.toString(freePort()));
        }
        assertThat(env.keySet()).containsExactlyInAnyOrderElementsOf(ComposeFileTest.envExample().keySet());
        tokens = new LoginTokens(env.get("GATEWAY_TOKEN_SECRET"));
        topology = Topology.create(TARGET.resolve("docker-tests/test.env"), env);
        // what a run that died may have left
        topology.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "5");

        Instant upAt = Instant.now();
        Map<String, Instant> healthy;
        try (HealthWatch watch = Topology.watchHealth()) {
            topology.compose(Duration.ofMinutes(5), "up", "-d", "--no-build").orThrow();
            topology.awaitHealthy(SERVICES, START);
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.healthy().keySet().containsAll(SERVICES));
            healthy = watch.healthy();
        }
        assertThat(healthy).containsOnlyKeys(SERVICES);
        figures.add("compose up: all %d containers healthy %.1f s after 'up' (the apps wait for MariaDB and Redis, "
                + "the gateways for the shards and the cache)", SERVICES.size(),
                Duration.between(upAt, healthy.values().stream().max(Instant::compareTo).orElseThrow()).toMillis() / 1000.0);
        for (String s : SERVICES) {
            Instant started = topology.startedAt(s);
            figures.add("  %-10s started %5.1f s after 'up', healthy %5.1f s after its start%s", s,
                    Duration.between(upAt, started).toMillis() / 1000.0,
                    Duration.between(started, healthy.get(s)).toMillis() / 1000.0, boot(topology.logs(s)));
        }
    }

    @AfterAll
    static void down() throws IOException {
        if (topology != null) {
            Files.writeString(TARGET.resolve("docker-tests/compose.log"),
                    topology.compose(Duration.ofMinutes(2), "logs", "--no-color", "-t").output());
            long down = System.nanoTime();
            Command.Result result = topology.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "-t", "20");
            figures.add("compose down (volumes too): %.1f s, exit %d", Figures.seconds(System.nanoTime() - down),
                    result.exit());
        }
        figures.add("whole topology test: %.1f s", Figures.seconds(System.nanoTime() - began));
        figures.load("at the end");
        figures.write(TARGET.resolve("docker-figures.txt"));
    }

    @Test
    @Order(1)
    void everyContainerIsHealthyAndEveryNodeFindsTheWholeClusterThroughRedis() {
        for (String s : SERVICES) {
            assertThat(topology.health(s)).as(s).isEqualTo("healthy");
            assertThat(topology.restarts(s)).as(s + " restarts").isZero();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String app : APPS) {
                JsonNode cluster = topology.actuator(app, "skynet").path("cluster");
                assertThat(cluster.path("name").asString()).isEqualTo(app);
                assertThat(fieldNames(cluster.path("discovered"))).as(app + " found in Redis").containsAll(APPS);
            }
        });
    }

    @Test
    @Order(2)
    void aBotLogsInThroughEachGatewayAndGetsItsPlayerFromItsShardThroughTheCluster() {
        // new players: each gateway loads them from their shard (id mod 2: db0 keeps gw_shard0, db1 gw_shard1) over
        // the cluster, which stores them at logout (a db-proxy that found the database slow at its start migrates
        // its schema at its first command)
        assertThat(play(gatewayPort("gateway1"), 2001, null)).isEqualTo(new LoginResult(true, null, "player2001", 1, 0, 0, 1));
        assertThat(play(gatewayPort("gateway2"), 2002, null)).isEqualTo(new LoginResult(true, null, "player2002", 1, 0, 0, 1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sql("gw_shard1", "SELECT id FROM players WHERE id IN (2001, 2002)")).isEqualTo("2001");
            assertThat(sql("gw_shard0", "SELECT id FROM players WHERE id IN (2001, 2002)")).isEqualTo("2002");
        });

        // players only MariaDB knows
        sql("gw_shard1", "INSERT INTO players (id, data) VALUES (1001, "
                + "'{\"id\":1001,\"name\":\"ann\",\"scene\":1,\"x\":3,\"y\":4,\"level\":7}')");
        sql("gw_shard0", "INSERT INTO players (id, data) VALUES (1002, "
                + "'{\"id\":1002,\"name\":\"bob\",\"scene\":2,\"x\":-5,\"y\":6,\"level\":9}')");

        assertThat(play(gatewayPort("gateway1"), 1001, null)).isEqualTo(new LoginResult(true, null, "ann", 1, 3, 4, 7));
        assertThat(play(gatewayPort("gateway2"), 1002, null)).isEqualTo(new LoginResult(true, null, "bob", 2, -5, 6, 9));

        // a move is saved on the shard at logout, and the other gateway reads it
        play(gatewayPort("gateway1"), 1001, bot -> bot.moveAcked(11, 12).get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                sql("gw_shard1", "SELECT JSON_VALUE(data, '$.x') FROM players WHERE id = 1001")).isEqualTo("11"));
        LoginResult elsewhere = play(gatewayPort("gateway2"), 1001, null);
        assertThat(List.of(elsewhere.name(), elsewhere.x(), elsewhere.y())).containsExactly("ann", 11L, 12L);
    }

    @Test
    @Order(3)
    void aChatLineGoesThroughTheChat() throws Exception {
        int port = Integer.parseInt(topology.variable("CHAT_PORT"));
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        try (ChatClient alice = ChatClient.connect(port); ChatClient bob = ChatClient.connect(port)) {
            alice.send(Map.of("type", "join", "room", "docker", "nick", "alice"));
            alice.await("joined", f -> true, Duration.ofSeconds(10));
            bob.send(Map.of("type", "join", "room", "docker", "nick", "bob"));
            bob.await("joined", f -> true, Duration.ofSeconds(10));

            alice.send(Map.of("type", "say", "text", "hello from a container"));

            JsonNode line = bob.await("message", f -> "alice".equals(f.path("nick").asString()), Duration.ofSeconds(10));
            assertThat(line.path("room").asString()).isEqualTo("docker");
            assertThat(line.path("text").asString()).isEqualTo("hello from a container");
        }
    }

    @Test
    @Order(4)
    void prometheusHasScrapedEveryAppWithEveryMeterOfTheDashboardAndHeapsFollowTheLimit() throws Exception {
        // a login through each gateway: their cluster links to the shards and the cache carry calls
        play(gatewayPort("gateway1"), 3001, null);
        play(gatewayPort("gateway2"), 3002, null);
        String prometheus = "http://" + topology.published("prometheus", 9090);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> health = new HashMap<>();
            for (JsonNode t : get(prometheus + "/api/v1/targets").path("data").path("activeTargets")) {
                health.put(t.path("labels").path("instance").asString(), t.path("health").asString());
            }
            assertThat(health).containsOnlyKeys(APPS);
            assertThat(health).allSatisfy((instance, h) -> assertThat(h).as(instance).isEqualTo("up"));
            assertThat(instances(query(prometheus, "count by (instance) (skynet_messages_total)"))).containsAll(APPS);
        });
        Set<String> wanted = Dashboard.read().metricNames();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> names = new TreeSet<>();
            get(prometheus + "/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asString()));
            assertThat(names).containsAll(wanted);
        });

        long limit = bytes(String.valueOf(ComposeFileTest.COMPOSE.service("gateway1").get("mem_limit")));
        JsonNode heaps = query(prometheus, "sum by (instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)");
        assertThat(instances(heaps)).containsAll(APPS);
        for (JsonNode r : heaps.path("data").path("result")) {
            double heap = Double.parseDouble(r.path("value").get(1).asString());
            assertThat(heap / limit).as(r.path("metric").path("instance").asString() + " heap of the limit")
                    .isBetween(0.6, 0.8);
        }
        figures.add("heap max with mem_limit %d MB: %.0f MB (75%% of the limit, less one survivor space)", limit >> 20,
                Double.parseDouble(heaps.path("data").path("result").get(0).path("value").get(1).asString()) / (1 << 20));
    }

    @Test
    @Order(5)
    void aGatewayStoppedGracefullyAndStartedAgainLetsItsPlayersLogInAgain() throws Exception {
        int gateway1 = gatewayPort("gateway1");
        try (GatewayBot online = GatewayBot.connect("127.0.0.1", gateway1, new BotListener() { })) {
            assertThat(online.login(1003, tokens.issue(1003), null).get(10, TimeUnit.SECONDS).ok()).isTrue();

            long stop = System.nanoTime();
            topology.compose(Duration.ofMinutes(1), "stop", "gateway1").orThrow();
            Duration took = Duration.ofNanos(System.nanoTime() - stop);
            figures.add("gateway1 stopped (SIGTERM, graceful) in %.1f s", took.toMillis() / 1000.0);
            assertThat(took).isLessThan(STOP_GRACE);
            assertThat(topology.state("gateway1").path("ExitCode").asInt()).isEqualTo(EXIT_ON_SIGTERM);
            online.closed().get(10, TimeUnit.SECONDS);
        }
        assertThat(topology.logs("gateway1")).contains("Graceful shutdown complete").contains("skynet: stopped");

        // the other gateway serves meanwhile
        assertThat(play(gatewayPort("gateway2"), 1002, null).name()).isEqualTo("bob");

        long start = System.nanoTime();
        Instant startAt = Instant.now();
        Instant healthy;
        try (HealthWatch watch = Topology.watchHealth()) {
            topology.compose(Duration.ofMinutes(1), "start", "gateway1").orThrow();
            topology.awaitHealthy(List.of("gateway1"), START);
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.healthy().containsKey("gateway1"));
            healthy = watch.healthy().get("gateway1");
        }
        figures.add("gateway1 started again: healthy %.1f s after 'start'%s",
                Duration.between(startAt, healthy).toMillis() / 1000.0, boot(lastStart(topology.logs("gateway1"))));

        LoginResult ann = play(gateway1, 1001, null);
        assertThat(List.of(ann.name(), ann.x(), ann.y())).containsExactly("ann", 11L, 12L);
        assertThat(play(gateway1, 1003, null).ok()).isTrue();
        figures.add("gateway1's players logged in again %.1f s after 'start'", Figures.seconds(System.nanoTime() - start));
    }

    /** What a bot does between login and logout on a gateway. */
    interface Session {
        void run(GatewayBot bot) throws Exception;
    }

    /**
     * Logs the player in through the gateway's TCP gate, runs the session and logs out (which saves the player).
     * Retried until the login works: right after a gateway starts, its first discovery read may still be coming.
     */
    static LoginResult play(int port, long id, Session session) {
        AtomicReference<LoginResult> result = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            try (GatewayBot bot = GatewayBot.connect("127.0.0.1", port, new BotListener() { })) {
                LoginResult login = bot.login(id, tokens.issue(id), null).get(10, TimeUnit.SECONDS);
                assertThat(login.ok()).as("login of %d: %s", id, login.error()).isTrue();
                if (session != null) {
                    session.run(bot);
                }
                assertThat(bot.logout().get(10, TimeUnit.SECONDS)).containsEntry("ok", true);
                result.set(login);
            }
        });
        return result.get();
    }

    static int gatewayPort(String service) {
        return Integer.parseInt(topology.variable(service.toUpperCase() + "_PORT"));
    }

    /** A statement run in MariaDB as the apps' user; the first column of the answer's rows. */
    static String sql(String database, String statement) {
        return topology.exec("mariadb", Map.of("MYSQL_PWD", topology.variable("MARIADB_PASSWORD")), "mariadb",
                "-uskynet", "-N", "-B", database, "-e", statement).orThrow().output().strip();
    }

    /** The basics app (not in the compose file) from its image alone: healthy, then stopped by SIGTERM. */
    static void basicsRunsAloneAndStopsOnSigterm() {
        String name = Topology.PROJECT + "-basics";
        Docker.docker(Duration.ofMinutes(1), "rm", "-f", name);
        Instant run = Instant.now();
        try (HealthWatch watch = HealthWatch.start("container=" + name, "name")) {
            Docker.docker(Duration.ofMinutes(1), "run", "-d", "--name", name, "--memory", "512m", Images.tag("basics"))
                    .orThrow();
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
                String h = Docker.docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.Health.Status}}", name)
                        .orThrow().output().strip();
                assertThat(h).as("basics' health").isNotEqualTo("unhealthy");
                return h.equals("healthy") && watch.healthy().containsKey(name);
            });
            Instant started = Instant.parse(Docker.docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.StartedAt}}",
                    name).orThrow().output().strip());
            Instant healthy = watch.healthy().get(name);
            String logs = Docker.docker(Duration.ofMinutes(1), "logs", name).output();
            figures.add("basics alone (docker run, 512 MB): healthy %.1f s after 'docker run' (container started %.1f s "
                    + "after it, healthy %.1f s after its start)%s", Duration.between(run, healthy).toMillis() / 1000.0,
                    Duration.between(run, started).toMillis() / 1000.0,
                    Duration.between(started, healthy).toMillis() / 1000.0, boot(logs));
            long stop = System.nanoTime();
            Docker.docker(Duration.ofMinutes(1), "stop", "-t", Long.toString(STOP_GRACE.toSeconds()), name).orThrow();
            Duration took = Duration.ofNanos(System.nanoTime() - stop);
            figures.add("basics stopped (SIGTERM) in %.1f s", took.toMillis() / 1000.0);
            assertThat(took).isLessThan(STOP_GRACE);
            assertThat(Docker.docker(Duration.ofSeconds(30), "inspect", "-f", "{{.State.ExitCode}}", name).orThrow()
                    .output().strip()).isEqualTo(Integer.toString(EXIT_ON_SIGTERM));
            assertThat(Docker.docker(Duration.ofMinutes(1), "logs", name).output()).contains("skynet: stopped");
        } finally {
            Docker.docker(Duration.ofMinutes(1), "rm", "-f", name);
        }
    }

    /** ", JVM: started in 3.0 s (process 3.5 s)" from Boot's last start line of the log; empty for other logs. */
    static String boot(String logs) {
        Matcher m = STARTED.matcher(logs);
        String found = "";
        while (m.find()) {
            found = String.format(", Boot: started in %s s (process running %s s)", m.group(1), m.group(2));
        }
        return found;
    }

    /** The log since the container's last start. */
    static String lastStart(String logs) {
        int at = logs.lastIndexOf("Starting ");
        return at < 0 ? logs : logs.substring(at);
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode query(String prometheus, String promql) throws Exception {
        return get(prometheus + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    static List<String> instances(JsonNode vector) {
        List<String> out = new ArrayList<>();
        vector.path("data").path("result").forEach(r -> out.add(r.path("metric").path("instance").asString()));
        return out;
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.propertyNames().forEach(out::add);
        return out;
    }

    static long bytes(String composeSize) {
        String s = composeSize.toLowerCase();
        long n = Long.parseLong(s.replaceAll("[^0-9]", ""));
        return s.endsWith("g") ? n << 30 : s.endsWith("m") ? n << 20 : s.endsWith("k") ? n << 10 : n;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

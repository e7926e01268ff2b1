package io.skynetspring.samples.docker;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.samples.gateway.GatewayApplication;
import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.login.LoginTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard kept in docker/grafana/dashboards: it parses, every panel asks the provisioned
 * Prometheus, it covers the skynet meters the design names, and every metric it queries is one the apps really
 * publish, as the gateway app's /actuator/prometheus shows once it has served a player and made a cluster call.
 * (The topology test checks the names against what Prometheus scraped from every app too.)
 */
class DashboardTest {

    static final String SECRET = "skynet-gateway-dev-secret";

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardParsesAndEveryPanelAsksTheProvisionedPrometheusForTheChosenNodes() throws IOException {
        Dashboard dashboard = Dashboard.read();
        assertThat(dashboard.root().path("uid").asString()).isEqualTo("skynet-nodes");
        Map<String, Object> provisioned = new Yaml().load(Files.readString(
                Repo.DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml")));
        Map<String, Object> datasource = ((List<Map<String, Object>>) provisioned.get("datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");

        Set<Long> ids = new HashSet<>();
        List<JsonNode> panels = dashboard.queryPanels();
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(ids.add(panel.path("id").asLong())).as("panel ids are unique: " + title).isTrue();
            assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo(datasource.get("uid"));
            assertThat(panel.path("targets").isEmpty()).as(title + " has queries").isFalse();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                assertThat(balanced(expr)).as(title + ": brackets of " + expr).isTrue();
                assertThat(expr).as(title + ": every query follows the node picker").contains("instance=~\"$instance\"");
            }
        }
        Map<String, Object> provider = ((List<Map<String, Object>>) new Yaml().<Map<String, Object>>load(Files.readString(
                Repo.DOCKER.resolve("grafana/provisioning/dashboards/skynet.yaml"))).get("providers")).get(0);
        String mounted = ComposeFileTest.COMPOSE.service("grafana").get("volumes").toString();
        assertThat(mounted).contains("./grafana/dashboards:" + ((Map<String, Object>) provider.get("options")).get("path"));
    }

    @Test
    void theDashboardShowsTheSkynetMetersItPromises() {
        assertThat(Dashboard.read().metricNames()).contains(
                "skynet_messages_total",                                             // messages/s
                "skynet_mailbox_length", "skynet_mailbox_top",                       // mailbox depth
                "skynet_handler_time_seconds_sum", "skynet_handler_time_seconds_count", // handler time
                "skynet_calls_seconds_sum", "skynet_calls_seconds_count",            // call latency, errors
                "skynet_incidents_total",                                            // errors
                "skynet_sockets_open",                                               // sockets
                "skynet_cluster_calls_total", "skynet_cluster_latency_seconds_sum",  // cluster links
                "skynet_cluster_errors_total", "skynet_cluster_in_flight");
    }

    @Test
    void everyMetricTheDashboardQueriesIsOneTheAppsPublish() throws Exception {
        int clusterPort = freePort();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--spring.config.location=" + configOf(GatewayApplication.class),
                // the db-proxy's migrations are on this classpath too; the gateway has no database
                "--spring.flyway.enabled=false",
                "--spring.main.keep-alive=false",
                "--spring.main.banner-mode=off",
                "--server.port=0",
                "--gateway.port=0",
                "--skynet.cluster.name=gw",
                "--skynet.cluster.port=" + clusterPort,
                "--skynet.cluster.nodes.gw=127.0.0.1:" + clusterPort)) {
            Skynet skynet = gateway.getBean(Skynet.class);
            int gatePort = skynet.call(skynet.queryService("watchdog").block(WAIT), "port", Integer.class).block(WAIT);
            try (GatewayBot bot = GatewayBot.connect("127.0.0.1", gatePort, new BotListener() { })) {
                // a refused login is an incident; a good one runs the agent's handlers
                assertThat(bot.login(7, "not-a-token", null).get(10, TimeUnit.SECONDS).ok()).isFalse();
                assertThat(bot.login(7, new LoginTokens(SECRET).issue(7), null).get(10, TimeUnit.SECONDS).ok()).isTrue();
            }
            // a cluster call to itself: a link, whose meters appear within a second
            gateway.getBean(Cluster.class).query("gw", "nobody").onErrorResume(e -> Mono.empty()).block(WAIT);

            String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port")
                    + "/actuator/prometheus";
            Set<String> wanted = Dashboard.read().metricNames();
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(Dashboard.exposedNames(body)).containsAll(wanted);
            });
        }
    }

    private static boolean balanced(String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        boolean quoted = false;
        for (char c : expr.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case '(' -> round++;
                    case ')' -> round--;
                    case '{' -> curly++;
                    case '}' -> curly--;
                    case '[' -> square++;
                    case ']' -> square--;
                    default -> { }
                }
                if (round < 0 || curly < 0 || square < 0) {
                    return false;
                }
            }
        }
        return round == 0 && curly == 0 && square == 0 && !quoted;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The app's own application.yml: every sample app has one at the root of its classpath. */
    static String configOf(Class<?> app) {
        URL where = app.getProtectionDomain().getCodeSource().getLocation();
        String base = where.toString();
        return base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + (base.endsWith("/") ? "" : "/")
                + "application.yml";
    }
}

package io.skynetspring.samples.docker;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml, compose.test.yaml, .env.example, the Prometheus configuration and the Dockerfiles checked
 * against the apps they run, without an engine: the topology, what is published, that every variable is one the
 * app reads, that names point at services of the file, the start order, that no secret is written down, and
 * (where docker-compose is installed) that docker-compose accepts the files. No hadolint here: not in Debian.
 */
class ComposeFileTest {

    static final ComposeFile COMPOSE = ComposeFile.read(Repo.DOCKER.resolve("compose.yaml"));
    static final ComposeFile TEST = ComposeFile.read(Repo.DOCKER.resolve("compose.test.yaml"));
    static final List<String> APPS = List.of("gateway", "db-proxy", "cache", "chat", "basics");
    static final List<String> APP_SERVICES = List.of("db0", "db1", "cache", "gateway1", "gateway2", "chat");
    static final Pattern REQUIRED_VARIABLE = Pattern.compile("^\\$\\{([A-Z0-9_]+):\\?[^}]+}$");
    static final Pattern ANY_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    @Test
    void theTopologyIsTheOneTheReadmeDescribes() {
        assertThat(COMPOSE.services()).containsOnlyKeys("mariadb", "redis", "db0", "db1", "cache", "gateway1",
                "gateway2", "chat", "prometheus", "grafana");
        Map<String, String> apps = new LinkedHashMap<>();
        APP_SERVICES.forEach(s -> apps.put(s, COMPOSE.app(s)));
        assertThat(apps).containsExactly(Map.entry("db0", "db-proxy"), Map.entry("db1", "db-proxy"),
                Map.entry("cache", "cache"), Map.entry("gateway1", "gateway"), Map.entry("gateway2", "gateway"),
                Map.entry("chat", "chat"));
        COMPOSE.services().forEach((name, service) -> assertThat(service.get("profiles")).as(name)
                .isEqualTo(name.equals("grafana") ? List.of("grafana") : null));
        assertThat(TEST.services()).containsOnlyKeys("mariadb", "redis", "prometheus");
    }

    @Test
    void onlyTheGatewaysAndTheChatArePublishedAndOnLoopbackUnlessAsked() {
        List<String> published = new ArrayList<>();
        COMPOSE.services().forEach((name, service) -> {
            if (!COMPOSE.ports(name).isEmpty() && service.get("profiles") == null) {
                published.add(name);
            }
            COMPOSE.ports(name).forEach(p -> assertThat(p).as(name).startsWith("${PUBLISH_ADDRESS:-127.0.0.1}:"));
        });
        assertThat(published).containsExactly("gateway1", "gateway2", "chat");
        assertThat(TEST.ports("prometheus")).containsExactly("127.0.0.1::9090");
        assertThat(TEST.ports("mariadb")).isEmpty();
        assertThat(TEST.ports("redis")).isEmpty();
    }

    @Test
    void publishedPortsHealthChecksAndScrapesUseThePortsTheAppsListenOn() throws IOException {
        AppConfig gateway = AppConfig.of("gateway");
        int gatePort = Integer.parseInt(String.valueOf(gateway.property("gateway.port")));
        assertThat(gatePort).isEqualTo(new io.skynetspring.samples.gateway.GatewayProperties().getPort());
        assertThat(COMPOSE.containerPorts("gateway1")).containsExactly(gatePort);
        assertThat(COMPOSE.containerPorts("gateway2")).containsExactly(gatePort);
        assertThat(COMPOSE.containerPorts("chat")).containsExactly(AppConfig.of("chat").serverPort());
        assertThat(exposed("gateway")).contains(gatePort);
        assertThat(exposed("chat")).contains(AppConfig.of("chat").serverPort());

        for (String app : APPS) {
            AppConfig config = AppConfig.of(app);
            assertThat(config.property("management.server.port")).as(app + ": Actuator on the server port").isNull();
            assertThat(String.valueOf(config.property("management.endpoints.web.exposure.include")))
                    .as(app).contains("health").contains("prometheus");
            assertThat(dockerfile(app)).as(app).contains("http://127.0.0.1:" + config.serverPort() + "/actuator/health");
        }

        Map<String, Object> scrape = scrapeConfig();
        assertThat(scrape.get("metrics_path")).isEqualTo("/actuator/prometheus");
        List<String> expected = APP_SERVICES.stream()
                .map(s -> s + ":" + AppConfig.of(COMPOSE.app(s)).serverPort()).toList();
        assertThat(targets(scrape)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyVariableGivenToAnAppIsOneTheAppReads() {
        for (String service : APP_SERVICES) {
            Map<String, String> env = COMPOSE.environment(service);
            assertThat(AppConfig.of(COMPOSE.app(service)).unread(env)).as(service + " sets variables its app never reads")
                    .isEmpty();
        }
    }

    @Test
    void namesInTheEnvironmentAreServicesOfTheFileAndOneCluster() throws IOException {
        Set<String> services = COMPOSE.services().keySet();
        for (String service : APP_SERVICES) {
            Map<String, String> env = COMPOSE.environment(service);
            assertThat(env.get("SKYNET_CLUSTER_NAME")).as(service + ": node named as its service (Prometheus' instance)")
                    .isEqualTo(service);
            assertThat(env).as(service).containsEntry("SKYNET_CLUSTER_DISCOVERY_REDIS_ENABLED", "true")
                    .containsEntry("SKYNET_CLUSTER_BIND", "0.0.0.0").containsEntry("SKYNET_CLUSTER_PORT", "2526")
                    .containsKey("SKYNET_CLUSTER_SECRET");
            assertThat(services).as(service).contains(env.get("SPRING_DATA_REDIS_HOST"));
            assertThat(COMPOSE.environment("redis").get("REDISCLI_AUTH")).isEqualTo(env.get("SPRING_DATA_REDIS_PASSWORD"));
        }
        for (String gateway : List.of("gateway1", "gateway2")) {
            Map<String, String> env = COMPOSE.environment(gateway);
            assertThat(env).containsEntry("GATEWAY_DATA", "cluster");
            assertThat(List.of(env.get("GATEWAY_CLUSTERDATA_SHARDS").split(","))).containsExactly("db0", "db1");
            assertThat(env.get("GATEWAY_CLUSTERDATA_CACHE")).isEqualTo("cache");
        }
        String init = Files.readString(Repo.DOCKER.resolve("mariadb/initdb/shards.sql"));
        String user = COMPOSE.environment("mariadb").get("MARIADB_USER");
        Set<String> databases = new LinkedHashSet<>();
        for (String shard : List.of("db0", "db1")) {
            Map<String, String> env = COMPOSE.environment(shard);
            assertThat(services).contains(env.get("SKYNET_DB_HOST"));
            assertThat(env.get("SKYNET_DB_USER")).isEqualTo(user);
            assertThat(env.get("SKYNET_DB_PASSWORD")).isEqualTo(COMPOSE.environment("mariadb").get("MARIADB_PASSWORD"));
            String db = env.get("SKYNET_DB_NAME");
            databases.add(db);
            assertThat(init).contains("CREATE DATABASE IF NOT EXISTS " + db + " ")
                    .contains("GRANT ALL PRIVILEGES ON " + db + ".* TO '" + user + "'@'%';");
        }
        assertThat(databases).as("one database per shard").hasSize(2);
    }

    @Test
    void appsStartOnceWhatTheyNeedIsHealthy() throws IOException {
        assertThat(COMPOSE.dependsOn("db0")).containsOnlyKeys("mariadb", "redis");
        assertThat(COMPOSE.dependsOn("db1")).containsOnlyKeys("mariadb", "redis");
        assertThat(COMPOSE.dependsOn("cache")).containsOnlyKeys("redis");
        assertThat(COMPOSE.dependsOn("chat")).containsOnlyKeys("redis");
        assertThat(COMPOSE.dependsOn("gateway1")).containsOnlyKeys("db0", "db1", "cache");
        assertThat(COMPOSE.dependsOn("gateway2")).containsOnlyKeys("db0", "db1", "cache");
        assertThat(COMPOSE.dependsOn("grafana")).containsOnlyKeys("prometheus");
        for (String service : COMPOSE.services().keySet()) {
            for (Map.Entry<String, String> d : COMPOSE.dependsOn(service).entrySet()) {
                assertThat(d.getValue()).as(service + " -> " + d.getKey()).isEqualTo("service_healthy");
                String app = COMPOSE.app(d.getKey());
                boolean checked = COMPOSE.service(d.getKey()).get("healthcheck") != null
                        || (app != null && dockerfile(app).contains("\nHEALTHCHECK "));
                assertThat(checked).as(d.getKey() + " has a health check").isTrue();
            }
        }
    }

    @Test
    void noSecretIsWrittenInTheFilesOnlyInEnvExample() throws IOException {
        Set<String> required = new LinkedHashSet<>();
        for (String service : COMPOSE.services().keySet()) {
            COMPOSE.environment(service).forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET|AUTH).*")) {
                    Matcher m = REQUIRED_VARIABLE.matcher(value);
                    assertThat(m.matches()).as(service + " " + key + " = " + value + " must be ${NAME:?...}").isTrue();
                    required.add(m.group(1));
                }
            });
        }
        String redisCommand = String.valueOf(COMPOSE.service("redis").get("command"));
        assertThat(redisCommand).contains("--requirepass, ${REDIS_PASSWORD:?");
        Set<String> example = envExample().keySet();
        assertThat(example).containsAll(required);
        Matcher any = ANY_VARIABLE.matcher(Files.readString(Repo.DOCKER.resolve("compose.yaml")));
        while (any.find()) {
            assertThat(example).as("every variable of compose.yaml is in .env.example").contains(any.group(1));
        }
        assertThat(Files.readString(Repo.DOCKER.resolve("compose.test.yaml"))).doesNotContainIgnoringCase("password");
    }

    @Test
    void everyAppsDockerfileBuildsItsBootJarOnTheProjectsJre() throws IOException {
        String release = tag(Files.readString(Repo.ROOT.resolve("pom.xml")), "maven.compiler.release");
        List<String> ignore = Files.readAllLines(Repo.ROOT.resolve(".dockerignore"));
        for (String app : APPS) {
            String pom = Files.readString(Repo.app(app).resolve("pom.xml"));
            String artifact = tag(pom.substring(pom.indexOf("</parent>")), "artifactId");
            // the Boot plugin's classifier (a dependency may name one too, e.g. a native jar's)
            String boot = pom.contains("spring-boot-maven-plugin") ? pom.substring(pom.indexOf("spring-boot-maven-plugin")) : "";
            String classifier = boot.contains("<classifier>") ? "-" + tag(boot, "classifier") : "";
            String jar = "skynet-sample-apps/" + app + "/target/" + artifact + "-*" + classifier + ".jar";
            String file = dockerfile(app);
            assertThat(file).as(app)
                    .contains("FROM eclipse-temurin:" + release + "-jre AS layers\n")
                    .contains("\nFROM eclipse-temurin:" + release + "-jre\n")
                    .contains("\nCOPY " + jar + " app.jar\n")
                    .contains("java -Djarmode=tools -jar app.jar extract --layers")
                    .contains("\nUSER skynet:skynet\n")
                    .contains("-XX:MaxRAMPercentage=")
                    .contains("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE=")
                    .contains("-XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar")
                    .contains("\nENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=app.jsa\", \"-jar\", \"app.jar\"]\n");
            assertThat(ignore).as(".dockerignore lets " + jar + " into the context").contains("!" + jar);
        }
    }

    @Test
    void dockerComposeAcceptsTheFilesAndRefusesToStartWithoutTheSecrets() throws IOException {
        Requirement.require(Docker.whyNoCompose());
        Path example = Repo.DOCKER.resolve(".env.example");
        List<String> files = List.of("-f", Repo.DOCKER.resolve("compose.yaml").toString(), "-f",
                Repo.DOCKER.resolve("compose.test.yaml").toString());
        List<String> config = new ArrayList<>(List.of(Docker.COMPOSE, "--env-file", example.toString()));
        config.addAll(files);
        config.addAll(List.of("--profile", "grafana", "config", "-q"));
        Command.run(Duration.ofMinutes(1), Map.of(), config).orThrow();

        Path empty = Files.createTempFile("no-secrets", ".env");
        try {
            List<String> bare = new ArrayList<>(List.of(Docker.COMPOSE, "--env-file", empty.toString()));
            bare.addAll(files);
            bare.addAll(List.of("config", "-q"));
            Command.Result refused = Command.run(Duration.ofMinutes(1), Map.of(), bare);
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("in docker/.env (see .env.example)");
        } finally {
            Files.delete(empty);
        }
    }

    static Map<String, String> envExample() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repo.DOCKER.resolve(".env.example"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        return out;
    }

    static String dockerfile(String app) throws IOException {
        return Files.readString(Repo.DOCKER.resolve(app).resolve("Dockerfile"));
    }

    private static List<Integer> exposed(String app) throws IOException {
        for (String line : dockerfile(app).split("\n")) {
            if (line.startsWith("EXPOSE ")) {
                return List.of(line.substring(7).trim().split("\\s+")).stream().map(Integer::parseInt).toList();
            }
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> scrapeConfig() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Repo.DOCKER.resolve("prometheus/prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<String> targets(Map<String, Object> scrape) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) scrape.get("static_configs")) {
            out.addAll((List<String>) group.get("targets"));
        }
        return out;
    }

    private static String tag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <" + tag + ">");
        }
        return m.group(1).trim();
    }
}

package io.skynetspring.samples.docker;

import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * docker/compose.yaml over compose.test.yaml as one compose project of the engine at DOCKER_HOST, with an
 * environment file of this run's secrets and ports: brought up, looked at (health, ports, logs, exec), and down.
 *
 * <pre>{@code Topology t = Topology.create(env); t.up(); t.health("gateway1"); t.down();}</pre>
 */
final class Topology {

    static final String PROJECT = "skynetit";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path envFile;
    private final Map<String, String> env;
    private final Map<String, String> containers = new ConcurrentHashMap<>();

    private Topology(Path envFile, Map<String, String> env) {
        this.envFile = envFile;
        this.env = env;
    }

    /** A project whose variables (secrets, published ports) are {@code env}, kept in {@code envFile}. */
    static Topology create(Path envFile, Map<String, String> env) {
        List<String> lines = new ArrayList<>();
        env.forEach((k, v) -> lines.add(k + "=" + v));
        try {
            Files.createDirectories(envFile.getParent());
            Files.write(envFile, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Topology(envFile, Map.copyOf(env));
    }

    String variable(String name) {
        return env.get(name);
    }

    Command.Result compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Docker.COMPOSE, "-p", PROJECT, "--env-file", envFile.toString(),
                "-f", Repo.DOCKER.resolve("compose.yaml").toString(), "-f",
                Repo.DOCKER.resolve("compose.test.yaml").toString()));
        command.addAll(List.of(args));
        // the file's variables win over any the machine happens to have
        return Command.run(timeout, env, command);
    }

    /** The service's container id (the same across stop and start). */
    String container(String service) {
        return containers.computeIfAbsent(service, s -> {
            String id = compose(Duration.ofMinutes(1), "ps", "-q", s).orThrow().output().strip();
            if (id.isEmpty()) {
                throw new IllegalStateException("no container for " + s);
            }
            return id;
        });
    }

    /** healthy, starting, unhealthy; or the container's state (exited, ...) when it has no health check. */
    String health(String service) {
        return Docker.docker(Duration.ofSeconds(30), "inspect", "-f",
                "{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}", container(service))
                .orThrow().output().strip();
    }

    JsonNode state(String service) {
        String json = Docker.docker(Duration.ofSeconds(30), "inspect", "-f", "{{json .State}}", container(service))
                .orThrow().output();
        return JSON.readTree(json);
    }

    Instant startedAt(String service) {
        return Instant.parse(state(service).path("StartedAt").asString());
    }

    int restarts(String service) {
        return Integer.parseInt(Docker.docker(Duration.ofSeconds(30), "inspect", "-f", "{{.RestartCount}}",
                container(service)).orThrow().output().strip());
    }

    /** The host address a published port of the service is on ({@code 127.0.0.1:32768}). */
    String published(String service, int port) {
        return compose(Duration.ofMinutes(1), "port", service, Integer.toString(port)).orThrow().output().strip();
    }

    /** Runs a command in the service's container, with extra environment variables. */
    Command.Result exec(String service, Map<String, String> variables, String... command) {
        List<String> args = new ArrayList<>(List.of(Docker.CLI, "exec"));
        variables.forEach((k, v) -> args.addAll(List.of("-e", k + "=" + v)));
        args.add(container(service));
        args.addAll(List.of(command));
        return Command.run(Duration.ofMinutes(1), Map.of(), args);
    }

    /** What the app answers on its own Actuator (port 8080 inside its container), read with the image's curl. */
    JsonNode actuator(String service, String path) {
        String body = exec(service, Map.of(), "curl", "-fsS", "http://127.0.0.1:8080/actuator/" + path).orThrow()
                .output();
        return JSON.readTree(body);
    }

    String logs(String service) {
        return Docker.docker(Duration.ofMinutes(1), "logs", container(service)).output();
    }

    /** Waits until every service is healthy; fails naming those that are not, with their logs. */
    void awaitHealthy(List<String> services, Duration deadline) {
        Map<String, String> last = new LinkedHashMap<>();
        try {
            await().atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (String s : services) {
                    String h = health(s);
                    last.put(s, h);
                    if (h.equals("exited") || h.equals("dead")) {
                        throw new AssertionError(s + " " + h + ":\n" + tail(logs(s)));
                    }
                }
                return last.values().stream().allMatch("healthy"::equals);
            });
        } catch (ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder("not healthy within " + deadline.toSeconds() + " s: ");
            last.forEach((s, h) -> {
                if (!h.equals("healthy")) {
                    why.append("\n--- ").append(s).append(" ").append(h).append(":\n").append(tail(logs(s)));
                }
            });
            throw new AssertionError(why.toString(), e);
        }
    }

    /** A watch of this project's health events, naming each container by its service. */
    static HealthWatch watchHealth() {
        return HealthWatch.start("label=com.docker.compose.project=" + PROJECT, "com.docker.compose.service");
    }

    private static String tail(String log) {
        return log.length() <= 3000 ? log : "..." + log.substring(log.length() - 3000);
    }
}

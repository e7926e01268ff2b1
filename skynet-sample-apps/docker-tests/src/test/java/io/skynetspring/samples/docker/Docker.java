package io.skynetspring.samples.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The Docker command lines the tests use, and whether they can run here. The engine is the one at
 * {@code DOCKER_HOST} (as {@code .ci/run} starts it), or the default socket.
 */
final class Docker {

    /**
     * Debian's 20.10 CLI when it is installed: its {@code docker build} needs no buildx, which a newer CLI
     * on the same machine may lack ({@code SKYNET_DOCKER} overrides).
     */
    static final String CLI = cli();
    /** docker-compose 1.29, Debian's ({@code SKYNET_DOCKER_COMPOSE} overrides). */
    static final String COMPOSE = env("SKYNET_DOCKER_COMPOSE", "docker-compose");

    private static String whyNoEngine;
    private static boolean engineChecked;

    private Docker() {
    }

    /** Null when an engine answers and docker-compose runs; otherwise why not. Asked once per JVM. */
    static synchronized String whyNoEngine() {
        if (!engineChecked) {
            engineChecked = true;
            Command.Result engine = Command.run(Duration.ofSeconds(30), Map.of(), CLI, "version", "--format",
                    "{{.Server.Version}}");
            if (!engine.ok()) {
                whyNoEngine = "no Docker engine answers (" + CLI + " version, DOCKER_HOST="
                        + System.getenv("DOCKER_HOST") + "): " + firstLine(engine.output());
            } else {
                whyNoEngine = whyNoCompose();
            }
        }
        return whyNoEngine;
    }

    /** Null when docker-compose runs (it needs no engine for {@code config}); otherwise why not. */
    static String whyNoCompose() {
        Command.Result compose = Command.run(Duration.ofSeconds(30), Map.of(), COMPOSE, "version", "--short");
        return compose.ok() ? null : "no docker-compose (" + COMPOSE + "): " + firstLine(compose.output());
    }

    static Command.Result docker(Duration timeout, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = CLI;
        System.arraycopy(args, 0, command, 1, args.length);
        return Command.run(timeout, Map.of(), command);
    }

    private static String cli() {
        String set = System.getenv("SKYNET_DOCKER");
        if (set != null && !set.isBlank()) {
            return set;
        }
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}

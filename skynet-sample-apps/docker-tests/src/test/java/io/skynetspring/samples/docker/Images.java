package io.skynetspring.samples.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images the topology runs: the stand-ins for public images (docker/standins/build.sh) and each app's image
 * from its Dockerfile and its packaged Boot jar, tagged as compose.yaml names them.
 */
final class Images {

    static final List<String> APPS = List.of("gateway", "db-proxy", "cache", "chat", "basics");
    static final String JRE = "eclipse-temurin:17-jre";

    private Images() {
    }

    /** The tag compose.yaml gives the app's image ({@code skynet-spring/gateway:0.1.0-SNAPSHOT}). */
    static String tag(String app) {
        String gateway = ComposeFile.read(Repo.DOCKER.resolve("compose.yaml")).image("gateway1");
        return "skynet-spring/" + app + gateway.substring(gateway.indexOf(':'));
    }

    static void buildStandIns(Figures figures) {
        long start = System.nanoTime();
        Command.run(Duration.ofMinutes(20), Map.of("DOCKER", Docker.CLI), "bash",
                Repo.DOCKER.resolve("standins/build.sh").toString()).orThrow();
        figures.add("stand-ins ready (base image, JRE, MariaDB, Redis, Prometheus) in %.1f s",
                Figures.seconds(System.nanoTime() - start));
    }

    static void build(String app, Figures figures) {
        Path jar = jar(app);
        long start = System.nanoTime();
        Docker.docker(Duration.ofMinutes(10), "build", "-q", "-f", Repo.DOCKER.resolve(app).resolve("Dockerfile").toString(),
                "-t", tag(app), Repo.ROOT.toString()).orThrow();
        double took = Figures.seconds(System.nanoTime() - start);
        long over = size(tag(app)) - size(JRE);
        figures.add("image %s: built in %.1f s, %.1f MB over %s (%.1f MB jar)", tag(app), took, over / 1e6, JRE,
                size(jar) / 1e6);
    }

    static long size(String image) {
        return Long.parseLong(Docker.docker(Duration.ofSeconds(30), "image", "inspect", "-f", "{{.Size}}", image)
                .orThrow().output().strip());
    }

    /** The app's Boot jar that its Dockerfile copies; there must be exactly one. */
    static Path jar(String app) {
        String dockerfile;
        try {
            dockerfile = Files.readString(Repo.DOCKER.resolve(app).resolve("Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String copy = dockerfile.lines().filter(l -> l.startsWith("COPY skynet-sample-apps/")).findFirst().orElseThrow();
        String pattern = copy.split(" ")[1];
        Path dir = Repo.ROOT.resolve(pattern.substring(0, pattern.lastIndexOf('/')));
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, pattern.substring(pattern.lastIndexOf('/') + 1))) {
                jars.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " jars match " + pattern + " (" + found + "): the image needs "
                    + "exactly one; package the app first (./mvnw package; this test runs in verify, after package)");
        }
        return found.get(0);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

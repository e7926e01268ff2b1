package io.skynetspring.samples.docker;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's {@code docker/} folder and the apps' jars are, found upward from the working folder. */
final class Repo {

    static final Path ROOT = find();
    static final Path DOCKER = ROOT.resolve("docker");

    private Repo() {
    }

    /** The app module's folder, e.g. {@code skynet-sample-apps/gateway}. */
    static Path app(String app) {
        return ROOT.resolve("skynet-sample-apps").resolve(app);
    }

    private static Path find() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/compose.yaml")) && Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker/compose.yaml above " + here);
    }
}

package io.skynetspring.boot.web;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo server driven by the {@code ws} package of npm under Node.js: a client we did not write
 * proves the protocol. {@code ws@8} is installed into target/ on first use. Without node or npm the
 * test is skipped with a message, except under CI=true, where it fails.
 */
@WebAppTest
class NodeWsClientTest {

    private static final Path HOME = Path.of("target", "node-ws");

    @LocalServerPort
    int port;

    @Test
    void wsFromNpmTalksToOurServer() throws Exception {
        requireTools();
        installWs();
        Path script = HOME.resolve("echo-client.js");
        try (var in = getClass().getResourceAsStream("/node/echo-client.js")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> out = run(120, "node", script.toAbsolutePath().toString(), "ws://127.0.0.1:" + port + "/ws");
        assertThat(out).containsExactly(
                "open",
                "text echo: hello from node",
                "binary 1,2,3,250",
                "pong 4",
                "close 4000 node done");
    }

    private static void requireTools() throws InterruptedException {
        boolean present = works("node", "--version") && works("npm", "--version");
        if (!present) {
            String why = "node and npm are needed to drive the server with npm's ws package";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + ", and CI=true: install nodejs and npm on the CI machine");
            }
            System.err.println("SKIPPED NodeWsClientTest: " + why);
            Assumptions.abort(why);
        }
    }

    private static void installWs() throws Exception {
        if (Files.isDirectory(HOME.resolve("node_modules/ws"))) {
            return;
        }
        Files.createDirectories(HOME);
        run(240, "npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                HOME.toAbsolutePath().toString(), "ws@8");
    }

    private static boolean works(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> run(int seconds, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exited with: %s", String.join(" ", command), out).isZero();
        return out.lines().toList();
    }
}

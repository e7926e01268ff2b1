package io.skynetspring.samples.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven headless by npm's {@code playwright-core} from a Node script, for
 * browser tests of the sample apps' pages. {@link #require()} skips the test with a visible message
 * when chromium, node or npm is missing, except under {@code CI=true}, where it fails; the first
 * use installs {@value #PLAYWRIGHT} into {@code target/browser-node}. A script requires
 * {@code ./browser} (this package's {@code browser.js}) for {@code launch()}, {@code step()},
 * {@code until()} and {@code result()}.
 *
 * <pre>{@code
 * try (BrowserScript s = Browser.require().start(getClass(), "/browser/chat.js", url)) {
 *     String json = s.result(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class Browser {

    /** Debian's package {@code chromium} puts it here. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Pinned: the version {@code npm view playwright-core version} gave when the tests were written. */
    public static final String PLAYWRIGHT = "playwright-core@1.65.1";
    /** What Chromium is started with: headless as root in a container, nothing fetched from the network. */
    public static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run");

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(4);
    private static Browser ready;

    private final Path home;

    private Browser(Path home) {
        this.home = home;
    }

    /** The browser, installed; a test without Chromium, node or npm is skipped here (failed under CI=true). */
    public static synchronized Browser require() {
        if (ready != null) {
            return ready;
        }
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium (" + CHROMIUM + ", Debian package chromium)");
        }
        if (!works("node", "--version")) {
            missing.add("node");
        }
        if (!works("npm", "--version")) {
            missing.add("npm");
        }
        if (!missing.isEmpty()) {
            String why = "browser tests need " + String.join(", ", missing)
                    + "; install them (apt-get install chromium nodejs npm), as .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + ". CI=true, so this fails instead of skipping");
            }
            System.err.println("SKIPPED browser test: " + why);
            Assumptions.abort(why);
        }
        Browser b = new Browser(Path.of("target", "browser-node").toAbsolutePath());
        b.install();
        ready = b;
        return b;
    }

    /**
     * Starts {@code node} on the script at classpath {@code resource} (looked up through {@code owner})
     * with {@code args}; the script runs next to {@code browser.js} and playwright-core.
     */
    public BrowserScript start(Class<?> owner, String resource, String... args) {
        try {
            Path scripts = Files.createDirectories(home.resolve("scripts"));
            copy(Browser.class, "browser.js", scripts.resolve("browser.js"));
            Path script = scripts.resolve(Path.of(resource).getFileName().toString());
            copy(owner, resource, script);
            List<String> command = new ArrayList<>(List.of("node", script.toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("NODE_PATH", home.resolve("node_modules").toString());
            env.put("CHROMIUM", CHROMIUM.toString());
            env.put("CHROMIUM_FLAGS", String.join(" ", FLAGS));
            return new BrowserScript(command, pb.start());
        } catch (IOException e) {
            throw new AssertionError("cannot start node on " + resource + ": " + e, e);
        }
    }

    /** Where screenshots go: {@code target/screenshots}, created. */
    public static Path screenshots() {
        try {
            return Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void install() {
        Path installed = home.resolve("node_modules/playwright-core/package.json");
        String version = PLAYWRIGHT.substring(PLAYWRIGHT.indexOf('@') + 1);
        try {
            if (Files.isRegularFile(installed) && Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
                return;
            }
            Files.createDirectories(home);
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "--no-save",
                    "--prefix", home.toString(), PLAYWRIGHT)
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile())
                    .start();
            if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("npm install " + PLAYWRIGHT + " did not finish within " + INSTALL_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("npm install " + PLAYWRIGHT + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(home.resolve("npm-install.log")));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot install " + PLAYWRIGHT + " into " + home + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while installing " + PLAYWRIGHT, e);
        }
    }

    private static void copy(Class<?> owner, String resource, Path to) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " next to " + owner.getName());
            }
            Files.write(to, in.readAllBytes());
        }
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.skynetspring.samples.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line run to its end or its deadline, stdout and stderr together, kept in a file (a build may print
 * a lot) and read back.
 *
 * <pre>{@code Command.Result r = Command.run(Duration.ofMinutes(1), Map.of(), "docker", "info");}</pre>
 */
final class Command {

    record Result(List<String> command, int exit, String output) {

        boolean ok() {
            return exit == 0;
        }

        /** This result, or an error with the command and what it printed. */
        Result orThrow() {
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + tail());
            }
            return this;
        }

        String tail() {
            return output.length() <= 6000 ? output : "..." + output.substring(output.length() - 6000);
        }
    }

    private Command() {
    }

    static Result run(Duration timeout, Map<String, String> env, String... command) {
        return run(timeout, env, List.of(command));
    }

    static Result run(Duration timeout, Map<String, String> env, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("docker-tests-", ".out");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(command, -1, Files.readString(out, StandardCharsets.UTF_8)
                        + "\n(killed: no end within " + timeout.toSeconds() + " s)");
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(command, -1, "cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(command, -1, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }
}

package io.skynetspring.samples.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's health_status events followed as they happen ({@code docker events}): when each container first
 * turned healthy, to the health check's interval, whoever was looking. (The engine keeps only its last 256 events,
 * and health checks fill that in seconds, so they cannot be asked for afterwards.)
 *
 * <pre>{@code try (HealthWatch watch = HealthWatch.start("label=com.docker.compose.project=x", "com.docker.compose.service")) { ... watch.healthy() }}</pre>
 */
final class HealthWatch implements AutoCloseable {

    private final Process events;
    private final Map<String, Instant> healthy = new ConcurrentHashMap<>();

    private HealthWatch(Process events) {
        this.events = events;
        Thread reader = new Thread(this::read, "docker-events");
        reader.setDaemon(true);
        reader.start();
    }

    /** Follows containers that match {@code filter}, naming each by its attribute {@code key} (name, or a label). */
    static HealthWatch start(String filter, String key) {
        try {
            Process p = new ProcessBuilder(List.of(Docker.CLI, "events", "--filter", "type=container", "--filter",
                    "event=health_status", "--filter", filter, "--format",
                    "{{.TimeNano}} {{index .Actor.Attributes \"" + key + "\"}} {{.Status}}"))
                    .redirectErrorStream(true).start();
            return new HealthWatch(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When each container first turned healthy since the watch started. */
    Map<String, Instant> healthy() {
        return Map.copyOf(healthy);
    }

    /** Forgets what was seen: the next healthy event of each container counts (after a restart). */
    void reset() {
        healthy.clear();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.strip().split(" ", 3);
                if (f.length == 3 && f[2].equals("health_status: healthy") && f[0].matches("[0-9]+")) {
                    long nanos = Long.parseLong(f[0]);
                    healthy.putIfAbsent(f[1], Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L));
                }
            }
        } catch (IOException e) {
            // the process was ended
        }
    }

    @Override
    public void close() {
        events.destroy();
    }
}

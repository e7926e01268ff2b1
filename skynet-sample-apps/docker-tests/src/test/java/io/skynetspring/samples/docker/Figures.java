package io.skynetspring.samples.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the topology test measured (sizes, times, the machine's load), printed and kept in target/docker-figures.txt. */
final class Figures {

    private final List<String> lines = new ArrayList<>();

    synchronized void add(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println("figure: " + line);
    }

    void load(String when) {
        try {
            add("load average %s: %s", when, Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (IOException e) {
            add("load average %s: unknown (%s)", when, e.getMessage());
        }
    }

    synchronized void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

package io.skynetspring.benchmarks.runtime.spawn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Spawn rate and retained heap per idle service, one runtime per JVM so neither's garbage counts
 * against the other. JMH does not fit here: what is measured is what stays alive afterwards.
 *
 * <pre>{@code java -Xmx8g -cp benchmarks.jar io.skynetspring.benchmarks.runtime.spawn.SpawnFootprint skynet 1000000 results/spawn.tsv}</pre>
 *
 * Appends {@code runtime n seconds perSecond bytesPerService} (tab-separated) to the file, if given.
 */
public final class SpawnFootprint {

    // Long enough for C2 to have compiled the spawn path before the measured run: with 20k,
    // compilation took 29% of the whole run's CPU (async-profiler). Both runtimes get the same.
    private static final int WARM_UP = 200_000;

    private SpawnFootprint() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SpawnFootprint skynet|pekko N [results.tsv]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1].replace("_", ""));
        try (Spawner spawner = args[0].equals("pekko") ? new PekkoSpawner() : new SkynetSpawner()) {
            spawner.start();
            // Warm the spawn path up; these services stay alive and sit in the baseline.
            spawner.spawnAndPing(WARM_UP);
            long before = usedAfterGc();
            long start = System.nanoTime();
            spawner.spawnAndPing(n);
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = usedAfterGc();
            double perService = (double) (after - before) / n;
            String line = String.format(Locale.ROOT, "%s\t%d\t%.3f\t%.0f\t%.0f",
                    spawner.name(), n, seconds, n / seconds, perService);
            System.out.printf(Locale.ROOT, "%s: %,d services in %.2f s = %,.0f/s, %,.0f B retained each%n",
                    spawner.name(), n, seconds, n / seconds, perService);
            if (args.length > 2) {
                append(Path.of(args[2]), line);
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

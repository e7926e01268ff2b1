package io.skynetspring.benchmarks.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The app under test seen from outside: its heap after a full GC ({@code jcmd}) and its CPU time ({@code /proc}). */
final class AppProcess {

    /** A heap space's size and use: G1's one heap, or each generation of the parallel and serial collectors. */
    private static final Pattern SPACE = Pattern.compile("total \\d+K, used (\\d+)K");

    private AppProcess() {
    }

    /** Heap in use after two full GCs, in bytes (see {@link #usedHeap(String)}). */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        return usedHeap(jcmd(pid, "GC.heap_info"));
    }

    /**
     * The heap in use, in bytes, from {@code GC.heap_info}: the sum of every space's "total NK, used NK"
     * (G1 prints one, the parallel collector its young and old generations); Metaspace is not heap.
     */
    static long usedHeap(String heapInfo) throws IOException {
        Matcher m = SPACE.matcher(heapInfo);
        long kib = 0;
        boolean any = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            any = true;
        }
        if (!any) {
            throw new IOException("GC.heap_info: no \"total NK, used NK\" in " + heapInfo);
        }
        return kib * 1024;
    }

    /** User plus system CPU time of the process so far, in seconds (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        // the command name may hold spaces; fields count from after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}

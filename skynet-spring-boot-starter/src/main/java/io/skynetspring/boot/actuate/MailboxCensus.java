package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Mailbox lengths summarised for gauges: per template (sum and longest) and the N longest overall
 * by rank. A scrape reads many gauges; one walk over the services serves them all for a second.
 */
final class MailboxCensus {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final SkynetRuntime runtime;
    private final int top;
    private long takenAt;
    private boolean taken;
    private Map<String, int[]> byTemplate = Map.of();
    private int[] longest = new int[0];

    MailboxCensus(SkynetRuntime runtime, int top) {
        this.runtime = runtime;
        this.top = Math.max(0, top);
    }

    int top() {
        return top;
    }

    synchronized long sum(String template) {
        refresh();
        int[] t = byTemplate.get(template);
        return t == null ? 0 : t[0];
    }

    synchronized long max(String template) {
        refresh();
        int[] t = byTemplate.get(template);
        return t == null ? 0 : t[1];
    }

    /** Length of the {@code rank}-th longest mailbox (1 = longest), 0 when fewer services exist. */
    synchronized long ranked(int rank) {
        refresh();
        return rank <= longest.length ? longest[rank - 1] : 0;
    }

    private void refresh() {
        long now = System.nanoTime();
        if (taken && now - takenAt < FRESH_NANOS) {
            return;
        }
        Map<String, int[]> templates = new HashMap<>();
        // ascending; slot 0 is the smallest of the kept lengths
        int[] kept = new int[top];
        runtime.forEachMailbox((template, length) -> {
            int[] t = templates.computeIfAbsent(template, k -> new int[2]);
            t[0] += length;
            t[1] = Math.max(t[1], length);
            if (top > 0 && length > kept[0]) {
                kept[0] = length;
                Arrays.sort(kept);
            }
        });
        int[] desc = new int[top];
        for (int i = 0; i < top; i++) {
            desc[i] = kept[top - 1 - i];
        }
        byTemplate = templates;
        longest = desc;
        takenAt = now;
        taken = true;
    }
}

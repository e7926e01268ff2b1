package io.skynetspring.samples.basics.scheduling;

import java.util.List;

/** What the timer task has done so far: ticks, players online at the last check, global data version, saved keys. */
public record TimerStats(long ticks, int online, long globalVersion, List<String> saved) {
}

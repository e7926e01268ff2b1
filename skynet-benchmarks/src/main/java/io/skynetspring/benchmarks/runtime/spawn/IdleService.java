package io.skynetspring.benchmarks.runtime.spawn;

import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;

/** The plain service of the spawn benchmark: one command, no state of its own. */
@SkynetService("idle")
public class IdleService {

    private final Finish pings;

    public IdleService(Finish pings) {
        this.pings = pings;
    }

    @Command
    public void ping(Integer value) {
        pings.arrive();
    }
}

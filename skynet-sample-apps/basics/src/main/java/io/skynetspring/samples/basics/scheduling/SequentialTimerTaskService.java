package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 3.1, the timer task, as the Lua is: a forked {@code while true do skynet.sleep(...) end}
 * loop. Commands interleave with the loop at its sleeps, never inside a tick. Side by side with
 * {@link TimerTaskService}.
 *
 * <pre>{@code skynet.uniqueService("ticker-seq", 100)   // every second, as in the Lua}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "ticker-seq", sequential = true)
public class SequentialTimerTaskService {

    private final ServiceContext ctx;
    private final Set<String> online = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final List<String> saved = new ArrayList<>();
    private long ticks;
    private int onlineAtLastCheck;
    private long globalVersion;

    public SequentialTimerTaskService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start(long periodCentiseconds) {
        ctx.fork(() -> {
            while (true) {
                ctx.await(ctx.sleep(periodCentiseconds));
                ticks++;
                onlineAtLastCheck = online.size();
                globalVersion++;
                saveDirtyData();
            }
        });
    }

    private void saveDirtyData() {
        if (dirty.isEmpty()) {
            return;
        }
        ctx.log("tick", ticks, "saved", dirty, "with", onlineAtLastCheck, "player(s) online");
        saved.addAll(dirty);
        dirty.clear();
    }

    @Command
    public void login(String player) {
        online.add(player);
        dirty.add(player);
    }

    @Command
    public void logout(String player) {
        online.remove(player);
        dirty.add(player);
    }

    @Command
    public TimerStats stats() {
        return new TimerStats(ticks, onlineAtLastCheck, globalVersion, List.copyOf(saved));
    }
}

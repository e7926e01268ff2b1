package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 3.1, the timer task: a forked loop that sleeps one period and then checks online players,
 * updates global data and saves dirty data, forever. Commands interleave with the loop, never run
 * inside it.
 *
 * <pre>{@code skynet.newService("ticker", 100)   // every second, as in the Lua}</pre>
 */
@SkynetService("ticker")
public class TimerTaskService {

    private final ServiceContext ctx;
    private final Set<String> online = new HashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final List<String> saved = new ArrayList<>();
    private long ticks;
    private int onlineAtLastCheck;
    private long globalVersion;

    public TimerTaskService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start(long periodCentiseconds) {
        ctx.forkAsync(() -> ctx.sleep(periodCentiseconds).doOnSuccess(x -> tick()).repeat().then());
    }

    private void tick() {
        ticks++;
        checkOnlinePlayers();
        updateGlobalData();
        saveDirtyData();
    }

    private void checkOnlinePlayers() {
        onlineAtLastCheck = online.size();
    }

    private void updateGlobalData() {
        globalVersion++;
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

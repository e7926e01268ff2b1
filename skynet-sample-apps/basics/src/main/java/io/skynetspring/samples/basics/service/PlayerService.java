package io.skynetspring.samples.basics.service;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;

import java.util.HashMap;
import java.util.Map;

/**
 * Seed 1.2, player_service.lua: a service with state. Each instance has its own players; no locks,
 * since a service handles one message at a time.
 *
 * <pre>{@code skynet.call(player, "levelup", Player.class, 1001).block()}</pre>
 */
@SkynetService("player")
public class PlayerService {

    private final ServiceContext ctx;
    private final Map<Long, Player> players = new HashMap<>();

    public PlayerService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start() {
        ctx.log("player service started");
    }

    @Command
    public Player create(long id) {
        if (players.containsKey(id)) {
            throw new ServiceException("player exists: " + id);
        }
        Player p = Player.create(id);
        players.put(id, p);
        return p;
    }

    @Command
    public Player get(long id) {
        return find(id);
    }

    @Command
    public Player levelup(long id) {
        Player up = find(id).levelUp();
        players.put(id, up);
        return up;
    }

    private Player find(long id) {
        Player p = players.get(id);
        if (p == null) {
            throw new ServiceException("no player: " + id);
        }
        return p;
    }
}

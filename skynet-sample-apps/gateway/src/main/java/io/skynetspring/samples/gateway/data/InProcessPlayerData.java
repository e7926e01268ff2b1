package io.skynetspring.samples.gateway.data;

import io.skynetspring.samples.gateway.GatewayProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Players kept in this JVM (the default, {@code gateway.data=in-process}), so the gateway runs on a
 * bare machine. An unknown id loads as {@link Player#fresh}; at most {@code gateway.max-stored-players}
 * are kept, the least recently used forgotten first. A restart forgets everyone.
 *
 * <pre>{@code new InProcessPlayerData(10_000).load(1001).block()}</pre>
 */
@Component
@ConditionalOnProperty(name = "gateway.data", havingValue = "in-process", matchIfMissing = true)
public class InProcessPlayerData implements PlayerData {

    private final Map<Long, Player> players;

    @Autowired
    public InProcessPlayerData(GatewayProperties properties) {
        this(properties.getMaxStoredPlayers());
    }

    public InProcessPlayerData(int maxPlayers) {
        if (maxPlayers < 1) {
            throw new IllegalArgumentException("gateway.max-stored-players must be positive, was " + maxPlayers);
        }
        this.players = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Player> eldest) {
                return size() > maxPlayers;
            }
        };
    }

    @Override
    public Mono<Player> load(long playerId) {
        return Mono.fromCallable(() -> {
            synchronized (players) {
                return players.computeIfAbsent(playerId, Player::fresh);
            }
        });
    }

    @Override
    public Mono<Void> save(Player player) {
        return Mono.fromRunnable(() -> {
            synchronized (players) {
                players.put(player.id(), player);
            }
        });
    }

    /** How many players are stored. */
    public int size() {
        synchronized (players) {
            return players.size();
        }
    }
}

package io.skynetspring.samples.gateway.data;

import reactor.core.publisher.Mono;

/**
 * Where a player's data comes from and goes to: the agent loads it at login and saves it at logout,
 * kick or disconnect. In-process by default ({@code gateway.data=in-process}).
 *
 * <pre>{@code playerData.load(1001).flatMap(p -> playerData.save(p.movedTo(3, 4)))}</pre>
 */
public interface PlayerData {

    /** The player {@code playerId}; fails with an error naming what is unavailable (e.g. a shard that is down). */
    Mono<Player> load(long playerId);

    /** Stores {@code player}, replacing what was stored under its id. */
    Mono<Void> save(Player player);
}

package io.skynetspring.samples.dbproxy.player;

import java.util.List;

/**
 * One page of list_players, in id order; {@code next} is the {@code after} of the following page,
 * null on the last one.
 *
 * <pre>{@code PlayerPage p = skynet.call(".db_proxy", "list_players", PlayerPage.class, 0, 50).block();}</pre>
 */
public record PlayerPage(List<Player> players, Long next) {
}

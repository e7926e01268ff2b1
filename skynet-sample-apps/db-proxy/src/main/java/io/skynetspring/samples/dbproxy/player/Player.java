package io.skynetspring.samples.dbproxy.player;

import java.util.Map;

/**
 * One row of {@code players}: the data column read back as structured values, and how many times
 * save_player has changed it.
 *
 * <pre>{@code Player p = skynet.call(".db_proxy", "get_player", Player.class, 1001).block();}</pre>
 */
public record Player(long id, Map<String, Object> data, long version) {
}

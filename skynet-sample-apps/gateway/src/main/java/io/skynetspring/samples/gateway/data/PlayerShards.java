package io.skynetspring.samples.gateway.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which db-proxy node holds a player: the shard at index {@code floorMod(id, n)} of the configured list.
 * It depends on nothing but the id and the list, so every gateway, before and after a restart, sends a
 * player to the same shard; changing the list (adding a shard, reordering) moves players and needs
 * their rows moved too.
 *
 * <pre>{@code new PlayerShards(List.of("db0", "db1")).of(1001)   // "db1"}</pre>
 */
public final class PlayerShards {

    private final List<String> nodes;

    public PlayerShards(List<String> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("gateway.cluster-data.shards is empty: list the db-proxy nodes that "
                    + "hold the players, e.g. gateway.cluster-data.shards=db0,db1");
        }
        Set<String> seen = new HashSet<>();
        for (String node : nodes) {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("gateway.cluster-data.shards has an empty entry: " + nodes);
            }
            if (!seen.add(node)) {
                throw new IllegalArgumentException("gateway.cluster-data.shards lists " + node + " twice: each shard "
                        + "is a node of its own with a database of its own");
            }
        }
        this.nodes = List.copyOf(nodes);
    }

    /** The node holding {@code playerId}. */
    public String of(long playerId) {
        return nodes.get(indexOf(playerId));
    }

    /** The position of {@code playerId}'s shard in the list, 0-based. */
    public int indexOf(long playerId) {
        return (int) Math.floorMod(playerId, (long) nodes.size());
    }

    public List<String> nodes() {
        return nodes;
    }
}

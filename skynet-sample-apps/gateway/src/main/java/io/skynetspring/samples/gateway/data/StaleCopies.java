package io.skynetspring.samples.gateway.data;

import io.skynetspring.core.incident.IncidentLog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Player ids whose copy in the cache may be older than their shard's: a save whose cache update failed
 * leaves the old copy there. Bounded: past {@code max} ids the oldest is forgotten, counted as
 * {@code gateway.data.stale.dropped}, and its copy may be read until it expires.
 *
 * <pre>{@code if (!stale.contains(id)) { ... read the cache ... }}</pre>
 */
final class StaleCopies {

    private final Map<Long, Boolean> ids;

    StaleCopies(int max, IncidentLog incidents) {
        this.ids = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                if (size() <= max) {
                    return false;
                }
                incidents.warn("gateway.data.stale.dropped", null, "gateway: more than {} players have an old copy in "
                        + "the cache; player {}'s may be read until it expires", max, eldest.getKey());
                return true;
            }
        };
    }

    synchronized void add(long playerId) {
        ids.put(playerId, Boolean.TRUE);
    }

    synchronized void remove(long playerId) {
        ids.remove(playerId);
    }

    synchronized boolean contains(long playerId) {
        return ids.containsKey(playerId);
    }

    synchronized int size() {
        return ids.size();
    }
}

package io.skynetspring.samples.gateway.data;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code gateway.data=cluster} keeps players ({@code gateway.cluster-data.*}): the db-proxy nodes
 * of the shards and the cache node, by their names in {@code skynet.cluster.nodes}.
 *
 * <pre>{@code gateway.data=cluster  gateway.cluster-data.shards=db0,db1  gateway.cluster-data.cache=cache}</pre>
 */
@ConfigurationProperties("gateway.cluster-data")
public class ClusterDataProperties {

    /** The db-proxy nodes, in order: player id mod their count picks one. Changing the list moves players. */
    private List<String> shards = new ArrayList<>();

    /** The cache node; empty for none (every load reads the shard). */
    private String cache = "";

    /** Cluster name of the db-proxy service on a shard node (called as {@code @db_proxy}). */
    private String dbService = "db_proxy";

    /** Cluster name of the cache service on the cache node (called as {@code @cache}). */
    private String cacheService = "cache";

    /** How long the cache keeps a player's copy (the seed's 3600 s). */
    private Duration cacheExpire = Duration.ofHours(1);

    /** Longest a load waits for the cache before it reads the shard instead. */
    private Duration cacheTimeout = Duration.ofSeconds(1);

    public List<String> getShards() {
        return shards;
    }

    public void setShards(List<String> shards) {
        this.shards = shards;
    }

    public String getCache() {
        return cache;
    }

    public void setCache(String cache) {
        this.cache = cache;
    }

    public String getDbService() {
        return dbService;
    }

    public void setDbService(String dbService) {
        this.dbService = dbService;
    }

    public String getCacheService() {
        return cacheService;
    }

    public void setCacheService(String cacheService) {
        this.cacheService = cacheService;
    }

    public Duration getCacheExpire() {
        return cacheExpire;
    }

    public void setCacheExpire(Duration cacheExpire) {
        this.cacheExpire = cacheExpire;
    }

    public Duration getCacheTimeout() {
        return cacheTimeout;
    }

    public void setCacheTimeout(Duration cacheTimeout) {
        this.cacheTimeout = cacheTimeout;
    }
}

package io.skynetspring.samples.gateway.data;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** {@code gateway.data=cluster}: {@link ClusterPlayerData} over the node's cluster, set by {@code gateway.cluster-data.*}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.data", havingValue = "cluster")
@EnableConfigurationProperties(ClusterDataProperties.class)
class ClusterDataConfiguration {

    @Bean
    ClusterPlayerData clusterPlayerData(ObjectProvider<Cluster> cluster, SkynetRuntime runtime,
                                        ObjectProvider<JsonMapper> json, ClusterDataProperties properties) {
        Cluster c = cluster.getIfAvailable();
        if (c == null) {
            throw new IllegalStateException("gateway.data=cluster calls the shards over the skynet cluster, but "
                    + "skynet.cluster.enabled is false: turn it on and list the shards in skynet.cluster.nodes");
        }
        return new ClusterPlayerData(c, runtime.incidents(), json.getIfAvailable(() -> JsonMapper.builder().build()),
                properties);
    }
}

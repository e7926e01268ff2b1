package io.skynetspring.boot.cluster;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * skynet's cluster for the node: a {@link Cluster} bean started with the runtime from
 * {@code skynet.cluster.*}, its port opened after the bootstrap services start and closed after the
 * runtime has drained, and the cluster names of service templates. Off with {@code skynet.cluster.enabled=false}.
 *
 * <pre>{@code @Autowired Cluster cluster;  cluster.call("db", "@sdb", "get_player", 1001L).block();}</pre>
 */
@AutoConfiguration(after = SkynetAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "skynet.cluster.enabled", matchIfMissing = true)
@ConditionalOnBean(SkynetRuntime.class)
@EnableConfigurationProperties(SkynetClusterProperties.class)
public class SkynetClusterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClusterNames skynetClusterNames(SkynetClusterProperties properties) {
        return new ClusterNames(properties.getRegister());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Cluster skynetCluster(SkynetRuntime runtime, SkynetClusterProperties properties) {
        ClusterSettings settings;
        try {
            settings = properties.toSettings();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return Cluster.start(runtime, settings);
    }

    @Bean
    @ConditionalOnMissingBean
    NodeTable skynetNodeTable(Cluster cluster) {
        return new NodeTable(cluster, cluster.settings().nodes());
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterLifecycle skynetClusterLifecycle(Cluster cluster, SkynetRuntime runtime, ClusterNames names,
                                            SkynetClusterProperties properties) {
        return new ClusterLifecycle(cluster, properties.getPort(), () -> names.attach(cluster, runtime));
    }
}

package io.skynetspring.samples.gateway.data;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.samples.gateway.GatewayProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which PlayerData a gateway gets: in process unless gateway.data=cluster, and a start that would ignore shards fails. */
class PlayerDataWiringTest {

    static final SkynetRuntime runtime = SkynetRuntime.start(NodeSettings.defaults(), Duration.ofSeconds(1));
    static final Cluster cluster = Cluster.start(runtime, ClusterSettings.defaults());

    final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withBean(SkynetRuntime.class, () -> runtime)
            .withBean(Cluster.class, () -> cluster)
            .withUserConfiguration(Properties.class, InProcessPlayerData.class, ClusterDataConfiguration.class,
                    PlayerDataChoice.class);

    @AfterAll
    static void stop() {
        cluster.close();
        runtime.close();
    }

    @Test
    void alonePlayersStayInProcess() {
        gateway.run(context -> assertThat(context).getBean(PlayerData.class).isInstanceOf(InProcessPlayerData.class));
    }

    @Test
    void gatewayDataClusterCallsTheListedShards() {
        gateway.withPropertyValues("gateway.data=cluster", "gateway.cluster-data.shards=db0,db1",
                        "gateway.cluster-data.cache=cache")
                .run(context -> {
                    assertThat(context).getBean(PlayerData.class).isInstanceOf(ClusterPlayerData.class);
                    assertThat(context.getBean(ClusterPlayerData.class).shards().nodes()).containsExactly("db0", "db1");
                });
    }

    @Test
    void shardsThatWouldBeIgnoredOrAreMissingStopTheStart() {
        gateway.withPropertyValues("gateway.cluster-data.shards=db0,db1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("gateway.cluster-data.shards is set but gateway.data is in-process"));
        gateway.withPropertyValues("gateway.data=cluster")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("gateway.cluster-data.shards is empty"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GatewayProperties.class)
    static class Properties {
    }
}

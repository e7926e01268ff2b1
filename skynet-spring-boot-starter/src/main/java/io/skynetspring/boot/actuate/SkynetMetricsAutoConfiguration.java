package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.cluster.SkynetClusterAutoConfiguration;
import io.skynetspring.boot.snax.SkynetSnaxAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.socket.SocketDriver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@link SkynetMeters}, {@link ClusterMeters} when the node has a cluster and {@link SnaxMeters}
 * when there is a {@code Snax}, when the application has Micrometer and a {@link MeterRegistry} (Boot
 * binds every {@code MeterBinder} bean to its registries).
 */
@AutoConfiguration(after = {SkynetAutoConfiguration.class, SkynetClusterAutoConfiguration.class,
        SkynetSnaxAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, SkynetRuntime.class})
@EnableConfigurationProperties(SkynetActuatorProperties.class)
public class SkynetMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SkynetMeters skynetMeters(SkynetRuntime runtime, SkynetActuatorProperties properties,
                              ObjectProvider<OpenSockets> hooks, ObjectProvider<SocketDriver> drivers) {
        List<OpenSockets> sockets = new ArrayList<>(hooks.orderedStream().toList());
        drivers.orderedStream().forEach(d -> sockets.add(() -> d.isClosed() ? 0 : d.netstat().connections()));
        // the runtime's shared driver exists once a service first uses sockets; looking never makes one
        sockets.add(() -> runtime.existingResource(SocketDriver.class)
                .map(d -> d.isClosed() ? 0L : d.netstat().connections()).orElse(0L));
        return new SkynetMeters(runtime, properties.getMailboxTop(), sockets);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Cluster.class)
    static class ClusterMetersConfiguration {

        /** How often the cluster's links are checked for new ones to make meters for. */
        private static final Duration LINK_CHECK = Duration.ofSeconds(1);

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ClusterMeters skynetClusterMeters(Cluster cluster) {
            return new ClusterMeters(cluster, LINK_CHECK);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Snax.class)
    SnaxMeters snaxMeters(SkynetRuntime runtime, Snax snax) {
        // a Prometheus scrape reads every timer; one snapshot of all snax services serves them all
        return new SnaxMeters(runtime, snax, Duration.ofSeconds(1));
    }
}

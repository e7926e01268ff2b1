package io.skynetspring.boot.actuate;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.boot.cluster.SkynetClusterAutoConfiguration;
import io.skynetspring.boot.snax.SkynetSnaxAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.snax.Snax;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code skynet} and {@code snax} endpoints, when Actuator is on the classpath. Exposure follows
 * Boot's rules: not over HTTP until {@code management.endpoints.web.exposure.include} names them.
 */
@AutoConfiguration(after = {SkynetAutoConfiguration.class, SkynetClusterAutoConfiguration.class,
        SkynetSnaxAutoConfiguration.class})
@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
@ConditionalOnBean(SkynetRuntime.class)
@EnableConfigurationProperties(SkynetActuatorProperties.class)
public class SkynetEndpointAutoConfiguration {

    // nested so that the Actuator annotations are only read once Actuator is known to be present
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(SkynetEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SkynetEndpoint skynetEndpoint(SkynetRuntime runtime, SkynetActuatorProperties properties,
                                      ObjectProvider<Cluster> cluster, ObjectProvider<NodeTable> table) {
            return new SkynetEndpoint(runtime, properties.isKillEnabled(), cluster.getIfAvailable(),
                    table.getIfAvailable(), properties.isClusterReloadEnabled());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnBean(Snax.class)
    @ConditionalOnAvailableEndpoint(SnaxEndpoint.class)
    static class SnaxEndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SnaxEndpoint snaxEndpoint(SkynetRuntime runtime, Snax snax, SkynetActuatorProperties properties) {
            SkynetActuatorProperties.SnaxHotfix hotfix = properties.getSnaxHotfix();
            return new SnaxEndpoint(runtime, snax, hotfix.isEnabled(), hotfix.getRoot());
        }
    }
}

package io.skynetspring.boot.actuate;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.cluster.SkynetClusterAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code skynet} health indicator, when Boot's health support is on the classpath. */
@AutoConfiguration(after = {SkynetAutoConfiguration.class, SkynetClusterAutoConfiguration.class})
@ConditionalOnClass(name = {"org.springframework.boot.health.contributor.HealthIndicator",
        "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(SkynetRuntime.class)
@EnableConfigurationProperties(SkynetActuatorProperties.class)
public class SkynetHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("skynet")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "skynetHealthIndicator")
        SkynetHealthIndicator skynetHealthIndicator(SkynetRuntime runtime, SkynetActuatorProperties properties,
                                                    ObjectProvider<Cluster> cluster) {
            return new SkynetHealthIndicator(runtime, properties.getStuckMessage() != null
                    ? properties.getStuckMessage() : runtime.settings().endlessThreshold(), cluster.getIfAvailable());
        }
    }
}

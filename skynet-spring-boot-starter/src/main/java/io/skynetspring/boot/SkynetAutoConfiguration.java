package io.skynetspring.boot;

import io.skynetspring.boot.cluster.ClusterNames;
import io.skynetspring.boot.service.ServiceDefinitions;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.socket.SocketOptions;
import io.skynetspring.core.socket.SocketSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts a skynet node in the application: a {@link SkynetRuntime} bean (also the {@code Skynet}
 * facade), every {@link SkynetService} class and every {@code ServiceTemplate} bean (named after
 * the bean, e.g. {@code @Bean ServiceTemplate gate() { return Gate.template(); }}) as a service
 * template, {@code skynet.bootstrap} services once the context is ready, and a drained shutdown
 * when it closes. Off with
 * {@code skynet.enabled=false}; a user-defined {@code SkynetRuntime} bean replaces the default one.
 *
 * <pre>{@code @Autowired Skynet skynet;  skynet.newService("calc").block();}</pre>
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "skynet.enabled", matchIfMissing = true)
@EnableConfigurationProperties({SkynetProperties.class, SkynetSocketProperties.class})
public class SkynetAutoConfiguration {

    @Bean
    static ServiceDefinitions skynetServiceDefinitions() {
        return new ServiceDefinitions();
    }

    @Bean
    static NodeSetup skynetNodeSetup(ServiceDefinitions skynetServiceDefinitions,
                                     ObjectProvider<SkynetProperties> properties,
                                     ObjectProvider<ClusterNames> clusterNames) {
        return new NodeSetup(skynetServiceDefinitions, properties, clusterNames);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SkynetRuntime skynetRuntime(SkynetProperties properties, SkynetSocketProperties sockets) {
        SkynetRuntime runtime = SkynetRuntime.start(properties.toNodeSettings(), properties.getShutdownGrace());
        try {
            SocketOptions options = sockets.toOptions();
            runtime.resource(SocketSettings.class, () -> new SocketSettings(options));
        } catch (IllegalArgumentException e) {
            runtime.close();
            throw new IllegalStateException("skynet.sockets: " + e.getMessage(), e);
        }
        return runtime;
    }

    @Bean
    @ConditionalOnMissingBean
    SkynetLifecycle skynetLifecycle(SkynetRuntime runtime, SkynetProperties properties) {
        return new SkynetLifecycle(runtime, properties);
    }
}

package io.skynetspring.boot.snax;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.snax.Snax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * skynet's snax in a Boot application: a {@link Snax} bean, and every
 * {@link io.skynetspring.core.snax.SnaxService} class found where component scanning looks registered
 * with it, its instances made by Spring (constructor injection of beans, of the service's
 * {@code ServiceContext} and of the {@code Snax}).
 *
 * <pre>{@code @Autowired Snax snax;  snax.newService("gateserver").block();}</pre>
 */
@AutoConfiguration(after = SkynetAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "skynet.enabled", matchIfMissing = true)
@ConditionalOnBean(SkynetRuntime.class)
public class SkynetSnaxAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SkynetSnaxAutoConfiguration.class);

    @Bean
    static SnaxDefinitions skynetSnaxDefinitions() {
        return new SnaxDefinitions();
    }

    @Bean
    @ConditionalOnMissingBean
    Snax skynetSnax(SkynetRuntime runtime, SnaxDefinitions skynetSnaxDefinitions,
                    ConfigurableListableBeanFactory beanFactory) {
        Snax snax = Snax.of(runtime);
        for (SnaxDefinitions.Definition d : skynetSnaxDefinitions.all()) {
            snax.register(d.name(), d.type(), new SnaxBeans(d.beanName(), d.type(), beanFactory));
        }
        if (!skynetSnaxDefinitions.all().isEmpty()) {
            log.info("skynet: snax services {}", skynetSnaxDefinitions.all().stream()
                    .map(SnaxDefinitions.Definition::name).toList());
        }
        return snax;
    }
}

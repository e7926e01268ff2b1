package io.skynetspring.boot.console;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** skynet's debug console, only with {@code skynet.console.enabled=true}. */
@AutoConfiguration(after = SkynetAutoConfiguration.class)
@ConditionalOnBooleanProperty("skynet.console.enabled")
@ConditionalOnBean(SkynetRuntime.class)
@EnableConfigurationProperties(SkynetConsoleProperties.class)
public class SkynetConsoleAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConsoleLifecycle skynetConsole(SkynetRuntime runtime, SkynetConsoleProperties properties) {
        return new ConsoleLifecycle(runtime, properties);
    }
}

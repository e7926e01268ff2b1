package io.skynetspring.samples.cache.redis;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce without its own reconnect. With auto-reconnect Lettuce resends the commands that were in
 * flight when a connection dropped (at-least-once): an {@code incr} whose reply was lost would count
 * twice. Without it a lost command fails, and {@link RedisLink} makes the new connection.
 */
@Configuration(proxyBeanMethods = false)
public class AtMostOnce {

    @Bean
    LettuceClientOptionsBuilderCustomizer atMostOnceCommands() {
        return options -> options
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}

package io.skynetspring.boot.cluster.discovery;

import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.boot.cluster.SkynetClusterAutoConfiguration;
import io.skynetspring.boot.cluster.SkynetClusterProperties;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link RedisDiscovery} when {@code skynet.cluster.discovery.redis.enabled=true}, on Spring Data
 * Redis's connection ({@code spring.data.redis.*}). Turned on without Spring Data Redis, the
 * application fails to start and says which dependency to add.
 */
@AutoConfiguration(after = SkynetClusterAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty("skynet.cluster.discovery.redis.enabled")
@ConditionalOnBean(Cluster.class)
public class RedisDiscoveryAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
    static class WithRedis {

        @Bean
        @ConditionalOnMissingBean
        RedisDiscovery skynetRedisDiscovery(ObjectProvider<RedisConnectionFactory> connections, Cluster cluster,
                                            NodeTable table, SkynetRuntime runtime,
                                            SkynetClusterProperties properties) {
            RedisConnectionFactory connection = connections.getIfAvailable();
            if (connection == null) {
                throw new IllegalStateException("skynet.cluster.discovery.redis.enabled=true but the application has "
                        + "no Redis connection (RedisConnectionFactory bean): add spring-boot-starter-data-redis or "
                        + "declare one");
            }
            return new RedisDiscovery(new StringRedisTemplate(connection), cluster, table, runtime.incidents(),
                    properties.getDiscovery().getRedis());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.data.redis.connection.RedisConnectionFactory")
    static class WithoutRedis {

        @Bean
        Object skynetRedisDiscovery() {
            throw new IllegalStateException("skynet.cluster.discovery.redis.enabled=true needs Spring Data Redis: add "
                    + "org.springframework.boot:spring-boot-starter-data-redis (or -data-redis-reactive) to the "
                    + "application");
        }
    }
}

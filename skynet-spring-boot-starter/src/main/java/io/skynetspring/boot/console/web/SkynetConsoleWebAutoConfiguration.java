package io.skynetspring.boot.console.web;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.socket.SocketDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The read-only live console page of a WebFlux application, only with
 * {@code skynet.console.web.enabled=true}. It lives under {@code management.endpoints.web.base-path}
 * (default {@code /actuator}), so rules an application's Spring Security applies to that path
 * apply to it; the starter itself adds no security.
 */
@AutoConfiguration(after = SkynetAutoConfiguration.class)
@ConditionalOnBooleanProperty("skynet.console.web.enabled")
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(SkynetRuntime.class)
@EnableConfigurationProperties(SkynetConsoleWebProperties.class)
public class SkynetConsoleWebAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SkynetConsoleWebAutoConfiguration.class);

    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    static final String BASE_PATH = "management.endpoints.web.base-path";

    @Bean
    ConsoleSampler skynetConsoleSampler(SkynetRuntime runtime, SkynetConsoleWebProperties properties,
                                        ObjectProvider<SocketDriver> beans) {
        return new ConsoleSampler(runtime, () -> drivers(runtime, beans), interval(properties),
                properties.getMaxServices());
    }

    @Bean
    ConsoleStreams skynetConsoleStreams(ConsoleSampler sampler, SkynetRuntime runtime,
                                        SkynetConsoleWebProperties properties) {
        return new ConsoleStreams(sampler, interval(properties), properties.getMaxStreams(), runtime.incidents());
    }

    @Bean
    RouterFunction<ServerResponse> skynetConsoleRoutes(ConsoleSampler sampler, ConsoleStreams streams,
                                                       Environment environment) {
        String base = environment.getProperty(BASE_PATH, "/actuator");
        String port = environment.getProperty("management.server.port");
        if (port != null && !port.equals(environment.getProperty("server.port"))) {
            // the route belongs to the application's server; a separate management server does not carry it
            log.warn("skynet console: management.server.port={} is set, but the console is served on the "
                    + "application's port at {}; secure that path there", port, ConsoleRoutes.root(base));
        }
        return ConsoleRoutes.router(base, sampler, streams);
    }

    /** At least {@link #MIN_INTERVAL}: each tick walks every service. */
    private static Duration interval(SkynetConsoleWebProperties properties) {
        Duration d = properties.getInterval();
        return d == null || d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d;
    }

    private static List<SocketDriver> drivers(SkynetRuntime runtime, ObjectProvider<SocketDriver> beans) {
        // the runtime's shared driver exists once a service first used sockets; looking never makes one
        Set<SocketDriver> all = Collections.newSetFromMap(new IdentityHashMap<>());
        runtime.existingResource(SocketDriver.class).ifPresent(all::add);
        beans.orderedStream().forEach(all::add);
        return new ArrayList<>(all);
    }
}

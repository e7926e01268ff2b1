package io.skynetspring.boot.web;

import io.netty.channel.ChannelOption;
import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.service.ServiceDefinitions;
import io.skynetspring.boot.web.http.HeadDeadline;
import io.skynetspring.boot.web.http.RouteScan;
import io.skynetspring.boot.web.http.ServiceRoutes;
import io.skynetspring.boot.web.httpc.Httpc;
import io.skynetspring.boot.web.websocket.WebSocketEndpoints;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.boot.web.websocket.WsClient;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.SkynetRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Duration;

/**
 * skynet's {@code http.*} modules for WebFlux applications: {@code @HttpRoute} and
 * {@code @WebSocketRoute} services in a reactive web app, and the {@link Httpc} and {@link WsClient}
 * beans wherever WebFlux and Reactor Netty are on the classpath. Settings: {@code skynet.http.*}.
 *
 * <pre>{@code @Autowired Httpc httpc;  httpc.get("http://127.0.0.1:8080/").block();}</pre>
 */
@AutoConfiguration(after = SkynetAutoConfiguration.class)
@ConditionalOnClass({WebClient.class, HttpClient.class})
@ConditionalOnBooleanProperty(name = "skynet.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SkynetWebProperties.class)
public class SkynetWebAutoConfiguration {

    /** Routes and WebSocket endpoints served by services. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnBean(SkynetRuntime.class)
    static class Server {

        @Bean
        @ConditionalOnMissingBean
        ServiceRoutes skynetServiceRoutes(SkynetRuntime runtime, SkynetWebProperties properties) {
            Skynet skynet = properties.getCallTimeout() == null ? runtime : runtime.withTimeout(properties.getCallTimeout());
            return new ServiceRoutes(skynet, (int) Math.min(Integer.MAX_VALUE, properties.getMaxBodySize().toBytes()));
        }

        @Bean
        RouterFunction<ServerResponse> skynetHttpRoutes(ServiceRoutes routes, ServiceDefinitions definitions) {
            return routes.router(RouteScan.routes(definitions));
        }

        /**
         * 405s for @HttpRoute paths hit with another method. A handler mapping of its own, consulted
         * after router functions and controllers (before static resources), so it shadows nobody.
         */
        @Bean
        RouterFunctionMapping skynetMethodNotAllowed(ServiceRoutes routes, ServiceDefinitions definitions) {
            RouterFunctionMapping mapping = new RouterFunctionMapping(
                    routes.methodNotAllowed(RouteScan.routes(definitions)).orElse(request -> Mono.empty()));
            mapping.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
            return mapping;
        }

        /** The request-head deadline, on Reactor Netty's own idle timeout (needs Boot's Reactor Netty server). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(NettyServerCustomizer.class)
        static class Deadlines {

            @Bean
            HeadDeadline skynetHeadDeadline(SkynetRuntime runtime, SkynetWebProperties properties, Environment environment) {
                boolean bootsOwn = Binder.get(environment).bind("server.netty.idle-timeout", Duration.class).isBound();
                return new HeadDeadline(bootsOwn ? null : properties.getHeaderTimeout(), runtime.incidents());
            }
        }

        @Bean
        @ConditionalOnMissingBean
        WebSockets skynetWebSockets(SkynetRuntime runtime, SkynetWebProperties properties) {
            return new WebSockets(properties.getWebsocket().writeLimits(), runtime.incidents());
        }

        @Bean
        SimpleUrlHandlerMapping skynetWebSocketMapping(SkynetRuntime runtime, WebSockets sockets,
                                                       ServiceDefinitions definitions, SkynetWebProperties properties) {
            return WebSocketEndpoints.mapping(runtime, sockets, definitions, properties.getWebsocket().getIdleTimeout(),
                    (int) Math.min(Integer.MAX_VALUE, properties.getWebsocket().getMaxFrameSize().toBytes()));
        }
    }

    /** httpc and the WebSocket client; they need no web server. */
    @Configuration(proxyBeanMethods = false)
    static class Clients {

        @Bean
        @ConditionalOnMissingBean
        Httpc skynetHttpc(SkynetWebProperties properties, ObjectProvider<WebClient.Builder> builders) {
            SkynetWebProperties.Client c = properties.getClient();
            WebClient client = builders.getIfAvailable(WebClient::builder)
                    .clientConnector(new ReactorClientHttpConnector(http(c)))
                    .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(
                            (int) Math.min(Integer.MAX_VALUE, c.getMaxBodySize().toBytes())))
                    .build();
            return Httpc.create(client, c.getTimeout());
        }

        @Bean
        @ConditionalOnMissingBean
        WsClient skynetWsClient(SkynetWebProperties properties, ObjectProvider<SkynetRuntime> runtime) {
            SkynetRuntime rt = runtime.getIfAvailable();
            return WsClient.create(http(properties.getClient()), properties.getClient().getTimeout(),
                    (int) Math.min(Integer.MAX_VALUE, properties.getWebsocket().getMaxFrameSize().toBytes()),
                    properties.getWebsocket().writeLimits(), rt == null ? new IncidentLog() : rt.incidents());
        }

        private static HttpClient http(SkynetWebProperties.Client c) {
            return HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                    (int) Math.min(Integer.MAX_VALUE, c.getConnectTimeout().toMillis()));
        }
    }
}

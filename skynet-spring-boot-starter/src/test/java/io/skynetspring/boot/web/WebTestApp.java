package io.skynetspring.boot.web;

import io.skynetspring.boot.web.http.ServiceRoutes;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The app the web tests share (one context for all of them): the seed's HTTP and WebSocket services,
 * a route of the app's own to a service, and a plain handler to compare with.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SeedWeb.class, EchoSocket.class, Prober.class})
public class WebTestApp {

    @Bean
    RouterFunction<ServerResponse> ownRoutes(ServiceRoutes routes) {
        return RouterFunctions.route(GET("/custom"), routes.to("web", "hello"))
                .andRoute(GET("/plain"), request -> ServerResponse.ok().bodyValue("Hello, Skynet!"));
    }
}

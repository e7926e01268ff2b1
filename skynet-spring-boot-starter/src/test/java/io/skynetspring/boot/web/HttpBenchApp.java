package io.skynetspring.boot.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.http.HttpRequest;
import io.skynetspring.boot.web.http.HttpRoute;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The app skynet-benchmarks/http/run.sh loads with wrk: the same body from {@code /plain}, a WebFlux
 * handler, and through a service from {@code /skynet} (a command taking no request) and
 * {@code /skynet-req} (a command taking the {@link HttpRequest}), in one process.
 *
 * <pre>{@code java -cp ... io.skynetspring.boot.web.HttpBenchApp --server.port=18080}</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HttpBenchApp.Hello.class)
public class HttpBenchApp {

    static final String BODY = "Hello, Skynet!";

    @SkynetService("hello")
    public static class Hello {
        @HttpRoute("/skynet")
        @Command
        public String hello() {
            return BODY;
        }

        @HttpRoute("/skynet-req")
        @Command
        public String helloRequest(HttpRequest request) {
            return BODY;
        }
    }

    @Bean
    RouterFunction<ServerResponse> plain() {
        return RouterFunctions.route(GET("/plain"), request -> ServerResponse.ok()
                .contentType(org.springframework.http.MediaType.TEXT_PLAIN).bodyValue(BODY));
    }

    public static void main(String[] args) {
        SpringApplication.run(HttpBenchApp.class, args);
    }
}

package io.skynetspring.boot.web.websocket;

import io.skynetspring.boot.service.ServiceDefinitions;
import io.skynetspring.core.Skynet;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps each {@link WebSocketRoute} path to its endpoint, ahead of router functions and controllers.
 *
 * <pre>{@code SimpleUrlHandlerMapping m = WebSocketEndpoints.mapping(skynet, sockets, definitions, idle, 256 * 1024);}</pre>
 */
public final class WebSocketEndpoints {

    private WebSocketEndpoints() {
    }

    public static SimpleUrlHandlerMapping mapping(Skynet skynet, WebSockets sockets, ServiceDefinitions definitions,
                                                  Duration idleTimeout, int maxFrameSize) {
        // pings come to the endpoint (answered there) so that they count as activity for the idle timeout
        HandshakeWebSocketService upgrades = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize).handlePing(true)));
        upgrades.start();
        Map<String, Object> endpoints = new LinkedHashMap<>();
        for (ServiceDefinitions.Definition d : definitions.all()) {
            WebSocketRoute route = AnnotatedElementUtils.findMergedAnnotation(d.type(), WebSocketRoute.class);
            if (route == null) {
                continue;
            }
            Object prior = endpoints.put(route.value(), new WebSocketEndpoint(Callbacks.of(route.value(), d), skynet,
                    sockets, upgrades, idleTimeout));
            if (prior != null) {
                throw new IllegalStateException("two @WebSocketRoute services serve '" + route.value()
                        + "'; give one of them another path");
            }
        }
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(endpoints);
        mapping.setOrder(-2);
        return mapping;
    }
}

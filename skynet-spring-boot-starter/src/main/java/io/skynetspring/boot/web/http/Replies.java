package io.skynetspring.boot.web.http;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns a route service's reply into the response, by the rules of {@link HttpResponse}. */
final class Replies {

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private Replies() {
    }

    static Mono<ServerResponse> render(Object reply) {
        if (reply instanceof HttpResponse r) {
            ServerResponse.BodyBuilder builder = ServerResponse.status(r.status());
            boolean typed = false;
            for (Map.Entry<String, String> h : r.headers().entrySet()) {
                builder.header(h.getKey(), h.getValue());
                typed |= h.getKey().equalsIgnoreCase("content-type");
            }
            return body(builder, r.body(), typed);
        }
        return body(ServerResponse.ok(), reply, false);
    }

    /** The reply of a call that completed empty: a handler returning void or null. */
    static Mono<ServerResponse> none() {
        return ServerResponse.noContent().build();
    }

    private static Mono<ServerResponse> body(ServerResponse.BodyBuilder builder, Object body, boolean typed) {
        if (body == null) {
            return builder.build();
        }
        if (body instanceof CharSequence text) {
            // as bytes, so a String the service already encoded (say JSON) is written as is, never re-quoted
            return (typed ? builder : builder.contentType(TEXT)).bodyValue(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof byte[] bytes) {
            return (typed ? builder : builder.contentType(MediaType.APPLICATION_OCTET_STREAM)).bodyValue(bytes);
        }
        return (typed ? builder : builder.contentType(MediaType.APPLICATION_JSON)).bodyValue(body);
    }
}

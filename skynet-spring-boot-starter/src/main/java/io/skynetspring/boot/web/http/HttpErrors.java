package io.skynetspring.boot.web.http;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.MailboxFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The response for a failed route. Bodies name the status and the request id only: the reason, which
 * may name services, commands and arguments, goes to the log under the same request id. The one
 * exception is a 4xx the route chose by throwing {@link HttpStatusException} (or Spring's
 * {@code ResponseStatusException}): its reason was written for the client and is the body's {@code message}.
 */
final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    static Mono<ServerResponse> render(ServerRequest request, String route, Throwable error) {
        Chosen chosen = chosen(error);
        HttpStatusCode status = chosen == null ? statusOf(error) : chosen.status();
        String id = request.exchange().getRequest().getId();
        if (status.value() == 500) {
            log.warn("{} {} [{}] via {}: {}", request.method(), request.path(), id, route, error.toString());
        } else {
            log.debug("{} {} [{}] via {}: {} {}", request.method(), request.path(), id, route, status.value(),
                    error.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        HttpStatus known = HttpStatus.resolve(status.value());
        body.put("error", known == null ? "HTTP " + status.value() : known.getReasonPhrase());
        if (chosen != null && status.is4xxClientError() && chosen.reason() != null) {
            body.put("message", chosen.reason());
        }
        body.put("requestId", id);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** 405 for a path that routes serve with other methods, listing them in {@code Allow}. */
    static Mono<ServerResponse> methodNotAllowed(ServerRequest request, Set<String> allowed) {
        String id = request.exchange().getRequest().getId();
        log.debug("{} {} [{}]: 405, the path takes {}", request.method(), request.path(), id, allowed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 405);
        body.put("error", HttpStatus.METHOD_NOT_ALLOWED.getReasonPhrase());
        body.put("requestId", id);
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, String.join(", ", allowed))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** A status the route asked for by throwing; a reason the route wrote for the client. */
    private record Chosen(HttpStatusCode status, String reason) {
    }

    /** The route's own status exception, which the call's ServiceException carries as its cause. */
    private static Chosen chosen(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpStatusException e) {
                return new Chosen(HttpStatusCode.valueOf(e.status()), e.reason());
            }
            if (t instanceof ResponseStatusException e) {
                return new Chosen(e.getStatusCode(), e.getReason());
            }
        }
        return null;
    }

    private static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof DataBufferLimitException) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        if (error instanceof CallTimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        if (error instanceof MailboxFullException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}

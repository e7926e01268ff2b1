package io.skynetspring.boot.web.http;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.MailboxFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response for a failed route. Bodies name the status and the request id only: the reason, which
 * may name services, commands and arguments, goes to the log under the same request id.
 */
final class HttpErrors {

    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    static Mono<ServerResponse> render(ServerRequest request, String route, Throwable error) {
        HttpStatus status = statusOf(error);
        String id = request.exchange().getRequest().getId();
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            log.warn("{} {} [{}] via {}: {}", request.method(), request.path(), id, route, error.toString());
        } else {
            log.debug("{} {} [{}] via {}: {} {}", request.method(), request.path(), id, route, status.value(),
                    error.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("requestId", id);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static HttpStatus statusOf(Throwable error) {
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

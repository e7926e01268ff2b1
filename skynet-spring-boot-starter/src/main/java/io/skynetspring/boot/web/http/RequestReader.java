package io.skynetspring.boot.web.http;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a WebFlux request whole into the {@link HttpRequest} a service receives, refusing bodies over the limit. */
final class RequestReader {

    private static final byte[] NO_BODY = new byte[0];

    private final int maxBody;

    RequestReader(int maxBody) {
        this.maxBody = maxBody;
    }

    Mono<HttpRequest> read(ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        return body(headers, request).map(body -> toRequest(request, headers, body));
    }

    /** Enforces the body limit for a route that does not want the request; completes empty. */
    Mono<Void> check(ServerRequest request) {
        return body(request.headers().asHttpHeaders(), request).then();
    }

    private Mono<byte[]> body(HttpHeaders headers, ServerRequest request) {
        long declared = headers.getContentLength();
        if (declared > maxBody) {
            // refuse before reading a byte of it
            return Mono.error(new DataBufferLimitException("declared body of " + declared + " bytes"));
        }
        if (declared <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return Mono.just(NO_BODY);
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxBody)
                .map(RequestReader::bytes)
                .defaultIfEmpty(NO_BODY);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static HttpRequest toRequest(ServerRequest request, HttpHeaders headers, byte[] body) {
        // skynet's httpd lower-cases header names; a repeated header keeps all its values
        // header names are case-insensitive, so each arrives once here, with all its values
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.queryParams().forEach((name, values) -> params.put(name, List.copyOf(values)));
        return new HttpRequest(request.method().name(), request.requestPath().pathWithinApplication().value(),
                request.uri().getRawQuery(), params, Map.copyOf(request.pathVariables()), lower, body);
    }
}

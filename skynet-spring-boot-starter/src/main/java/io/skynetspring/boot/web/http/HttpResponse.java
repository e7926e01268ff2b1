package io.skynetspring.boot.web.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reply that sets the status and headers, as skynet's {@code httpd.write_response(code, body, header)}.
 * A route's reply may also be a bare body: a {@code String} is 200 text/plain, a {@code byte[]} is
 * 200 application/octet-stream, nothing is 204, anything else (a {@code Map}, a record) is 200 JSON.
 * Bodies of an {@code HttpResponse} follow the same rules unless a content-type header is given.
 *
 * <pre>{@code return HttpResponse.status(404, "Not Found");}</pre>
 */
public record HttpResponse(int status, Map<String, String> headers, Object body) {

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not in 100..599");
        }
        headers = Map.copyOf(headers);
    }

    public static HttpResponse ok(Object body) {
        return new HttpResponse(200, Map.of(), body);
    }

    public static HttpResponse status(int status, Object body) {
        return new HttpResponse(status, Map.of(), body);
    }

    /** A copy with one more header. */
    public HttpResponse header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, more, body);
    }
}

package io.skynetspring.boot.web.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a route's service receives it: what skynet's {@code httpd.read_request}
 * returns. Header names are lower-cased; the body is read whole, up to {@code skynet.http.max-body-size}.
 *
 * <pre>{@code String name = req.param("name"); String agent = req.header("user-agent");}</pre>
 */
public record HttpRequest(String method, String path, String query, Map<String, List<String>> params,
                          Map<String, String> pathVariables, Map<String, List<String>> headers, byte[] body) {

    /** First value of query parameter {@code name}, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** First value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " (" + body.length + " byte body)";
    }
}

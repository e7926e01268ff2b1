package io.skynetspring.boot.web.httpc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link Httpc} got back: skynet's {@code status, body} plus the {@code recvheader} table.
 * Header names are lower-cased. Any status, 404 or 500 included, is a response, not an error.
 *
 * <pre>{@code if (r.status() == 200) data = r.text();}</pre>
 */
public record HttpcResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** First value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length + " byte body)";
    }
}

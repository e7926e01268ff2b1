package io.skynetspring.boot.web.http;

import io.skynetspring.core.message.ServiceException;

/**
 * Thrown by a route's command (or a {@code Mono} it returns) to answer with {@code status} instead of
 * 500. The reason is meant for the client: for a 4xx status it is the {@code message} of the JSON
 * error body; for a 5xx it is only logged. Spring's {@code ResponseStatusException} works the same.
 * Being a {@link ServiceException}, it is an answer the service chose: the service logs it at its
 * error log level (DEBUG by default), not as a WARN with a stack, however often a client asks.
 *
 * <pre>{@code if (name == null) throw HttpStatusException.badRequest("name is required, as in /hello?name=ann");}</pre>
 */
public class HttpStatusException extends ServiceException {

    private final int status;

    public HttpStatusException(int status, String reason) {
        super(reason);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpStatusException is an error status, 400..599; was " + status);
        }
        this.status = status;
    }

    /** 400: the request is malformed; say what was expected. */
    public static HttpStatusException badRequest(String reason) {
        return new HttpStatusException(400, reason);
    }

    /** 404: nothing by that name. */
    public static HttpStatusException notFound(String reason) {
        return new HttpStatusException(404, reason);
    }

    /** 409: the request conflicts with the service's state. */
    public static HttpStatusException conflict(String reason) {
        return new HttpStatusException(409, reason);
    }

    public int status() {
        return status;
    }

    /** The reason given, meant for the client. */
    public String reason() {
        return getMessage();
    }
}

package io.skynetspring.boot.web.httpc;

/** A request by {@link Httpc} got no response: connection refused, protocol error, or its deadline passed. */
public class HttpcException extends RuntimeException {

    private final boolean timedOut;

    HttpcException(String request, String reason, boolean timedOut, Throwable cause) {
        super(request + ": " + reason, cause);
        this.timedOut = timedOut;
    }

    /** True when the request was abandoned at its deadline. */
    public boolean timedOut() {
        return timedOut;
    }
}

package io.skynetspring.sproto;

/**
 * An RPC message of a schema ({@code buy 3 { request Buy  response Receipt }}). Immutable.
 *
 * <pre>{@code Protocol ping = sp.protocol("ping"); boolean answered = ping.expectsResponse();}</pre>
 */
public final class Protocol {

    private final String name;
    private final int tag;
    private final SprotoType request;
    private final SprotoType response;
    private final boolean confirm;

    Protocol(String name, int tag, SprotoType request, SprotoType response, boolean confirm) {
        this.name = name;
        this.tag = tag;
        this.request = request;
        this.response = response;
        this.confirm = confirm;
    }

    public String name() {
        return name;
    }

    public int tag() {
        return tag;
    }

    /** The request type, or null when requests carry only the header. */
    public SprotoType request() {
        return request;
    }

    /** The response type, or null for {@code response nil} and for one-way messages. */
    public SprotoType response() {
        return response;
    }

    /** True for {@code response nil}: an empty confirmation is expected. */
    public boolean isConfirm() {
        return confirm;
    }

    /** True when the protocol declares a response, typed or {@code nil}. */
    public boolean expectsResponse() {
        return response != null || confirm;
    }

    @Override
    public String toString() {
        return name + " " + tag + " { request " + (request == null ? "nil" : request.name())
                + " response " + (response != null ? response.name() : confirm ? "nil" : "-") + " }";
    }
}

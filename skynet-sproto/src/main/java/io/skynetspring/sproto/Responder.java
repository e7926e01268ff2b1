package io.skynetspring.sproto;

/**
 * Answers one dispatched request: the function Lua's {@code host:dispatch} returns as its fourth
 * value. The response header carries the request's session and the {@code ud} given here, not
 * the request's.
 *
 * <pre>{@code byte[] reply = request.responder().respond(Map.of("ok", true));}</pre>
 */
public final class Responder {

    private final Host host;
    private final Protocol protocol;
    private final long session;

    Responder(Host host, Protocol protocol, long session) {
        this.host = host;
        this.protocol = protocol;
        this.session = session;
    }

    public long session() {
        return session;
    }

    /** A response without result: for {@code response nil} and protocols without a response. */
    public byte[] respond() {
        return respond(null, null);
    }

    /** A response carrying {@code result} (a Map or a record). */
    public byte[] respond(Object result) {
        return respond(result, null);
    }

    /**
     * The general form. A protocol with a response type needs a result; {@code response nil}
     * refuses one; a protocol without any response ignores it.
     */
    public byte[] respond(Object result, Long ud) {
        SprotoType type = protocol.response();
        if (type != null && result == null) {
            throw new SprotoException("protocol " + protocol.name() + " needs a response of type " + type.name());
        }
        if (protocol.isConfirm() && result != null) {
            throw new SprotoException("protocol " + protocol.name() + " answers with response nil, got a result");
        }
        return host.packet(null, session, ud, type, result);
    }
}

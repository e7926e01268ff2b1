package io.skynetspring.sproto;

/**
 * Builds request packets for one schema's protocols, Lua's {@code host:attach(sp)}. The caller
 * chooses the session (any integer, 0 included); a request with a session is remembered by the
 * host so that its response can be decoded, a request without one is one-way.
 *
 * <pre>{@code byte[] packet = host.attach(sp).pack("buy", new Buy(7, 2), 1);}</pre>
 */
public final class RequestPacker {

    private final Host host;
    private final Sproto remote;

    RequestPacker(Host host, Sproto remote) {
        this.host = host;
        this.remote = remote;
    }

    /** A one-way request: no session, so no response will be accepted for it. */
    public byte[] pack(String protocol, Object args) {
        return pack(protocol, args, null, null);
    }

    /** A request expecting an answer under {@code session}. */
    public byte[] pack(String protocol, Object args, long session) {
        return pack(protocol, args, session, null);
    }

    /**
     * The general form; {@code args} is a Map or a record (ignored when the protocol has no
     * request type), {@code session} and {@code ud} may be null.
     */
    public byte[] pack(String protocol, Object args, Long session, Long ud) {
        Protocol p = remote.protocol(protocol);
        if (p.request() != null && args == null) {
            throw new SprotoException("protocol " + protocol + " needs request arguments of type " + p.request().name());
        }
        byte[] packet = host.packet(p.tag(), session, ud, p.request(), args);
        if (session != null) {
            host.expect(session, p);
        }
        return packet;
    }
}

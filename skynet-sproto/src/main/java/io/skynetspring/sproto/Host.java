package io.skynetspring.sproto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RPC endpoint, Lua's {@code sp:host()}: it dispatches incoming packets and, through
 * {@link #attach}, builds outgoing requests. Every packet is
 * {@code pack(encode(header) ++ body)}; the header type has integer fields {@code type} and
 * {@code session} and optionally {@code ud}.
 *
 * <p>The host remembers the sessions of requests sent through its attached packers until their
 * response is dispatched. It is thread-safe.
 *
 * <pre>{@code
 * Host host = sp.host();
 * RequestPacker request = host.attach(sp);
 * byte[] packet = request.pack("buy", Map.of("item", 7), 1);
 * if (host.dispatch(packet) instanceof Dispatched.Request r) send(r.responder().respond(Map.of("ok", true)));
 * }</pre>
 */
public final class Host {

    private final Sproto sproto;
    private final SprotoType header;
    /** The header's binding: a record of type and session, and ud where the header type has it. */
    private final Binding headerBinding;
    private final boolean hasUd;
    /** The header as decoded: a record rather than a map, one per packet. */
    private final Binding headDecoder;
    private final Map<Long, Protocol> pending = new ConcurrentHashMap<>();

    Host(Sproto sproto, SprotoType header) {
        this.sproto = sproto;
        this.header = header;
        requireInteger(header, "type");
        requireInteger(header, "session");
        Field ud = header.field("ud");
        if (ud != null && (ud.type() != FieldType.INTEGER || ud.isArray())) {
            throw new SprotoException("field ud of header type " + header.name() + " must be an integer");
        }
        this.hasUd = ud != null;
        this.headerBinding = header.recordBinding(hasUd ? HeaderWithUd.class : Header.class);
        this.headDecoder = header.recordBinding(hasUd ? HeadWithUd.class : Head.class);
    }

    private static void requireInteger(SprotoType header, String name) {
        Field f = header.field(name);
        if (f == null || f.type() != FieldType.INTEGER || f.isArray()) {
            throw new SprotoException("header type " + header.name() + " needs an integer field " + name);
        }
    }

    /** A packer for requests of {@code remote}'s protocols, sharing this host's pending sessions. */
    public RequestPacker attach(Sproto remote) {
        return new RequestPacker(this, remote);
    }

    /**
     * Unpacks and decodes a packet, within its schema's {@link Sproto#limits()} (by default a 64 KiB
     * packet, 512 KiB unpacked, 65,536 decoded values).
     *
     * @throws SprotoException for a bad packet, one past the limits, or an unknown session
     */
    public Dispatched dispatch(byte[] packet) {
        return dispatch(packet, sproto.limits().maxMessageBytes());
    }

    /** As {@link #dispatch(byte[])}, with {@code maxUnpacked} in place of the limits' {@code maxMessageBytes}. */
    public Dispatched dispatch(byte[] packet, int maxUnpacked) {
        SprotoLimits limits = sproto.limits();
        limits.checkPacket(packet.length);
        byte[] raw = ZeroPack.unpack(packet, maxUnpacked);
        int[] end = new int[1];
        Object head = Codec.decode(headDecoder, raw, 0, raw.length, end, limits.maxValues());
        int body = end[0];
        Long type;
        Long session;
        Long ud = null;
        if (head instanceof HeadWithUd h) {
            type = h.type();
            session = h.session();
            ud = h.ud();
        } else {
            Head h = (Head) head;
            type = h.type();
            session = h.session();
        }
        if (type != null) {
            if (type != type.intValue()) {
                throw new SprotoException("unknown protocol tag " + type);
            }
            Protocol protocol = sproto.protocol(type.intValue());
            Map<String, Object> args = protocol.request() == null ? null
                    : decodeBody(protocol.request(), raw, body, limits.maxValues());
            Responder responder = session == null ? null : new Responder(this, protocol, session);
            return new Dispatched.Request(protocol, args, responder, ud);
        }
        if (session == null) {
            throw new SprotoException("response packet without a session");
        }
        Protocol protocol = pending.remove(session);
        if (protocol == null) {
            throw new SprotoException("unknown session " + session);
        }
        Map<String, Object> result = protocol.response() == null ? null
                : decodeBody(protocol.response(), raw, body, limits.maxValues());
        return new Dispatched.Response(session, protocol, result, ud);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decodeBody(SprotoType type, byte[] raw, int body, int maxValues) {
        return (Map<String, Object>) Codec.decode(type.mapBinding(), raw, body, raw.length - body, null, maxValues);
    }

    /** Records that a response to {@code session} will be decoded as {@code protocol}'s response. */
    void expect(long session, Protocol protocol) {
        pending.put(session, protocol);
    }

    /** {@code pack(header ++ body)}; a null tag, session or ud is left out of the header. */
    byte[] packet(Integer type, Long session, Long ud, SprotoType bodyType, Object body) {
        Object head = hasUd ? new HeaderWithUd(type, session, ud) : new Header(type, session);
        return Codec.encodePacked(headerBinding, head, bodyType == null ? null : bodyType.bindingFor(body), body);
    }

    record Header(Integer type, Long session) {
    }

    record HeaderWithUd(Integer type, Long session, Long ud) {
    }

    record Head(Long type, Long session) {
    }

    record HeadWithUd(Long type, Long session, Long ud) {
    }
}

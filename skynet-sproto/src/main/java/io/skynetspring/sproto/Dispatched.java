package io.skynetspring.sproto;

import java.util.Map;

/**
 * What {@link Host#dispatch} found in a packet, Lua's {@code "REQUEST"} or {@code "RESPONSE"}.
 *
 * <pre>{@code
 * Dispatched d = host.dispatch(packet);
 * if (d instanceof Dispatched.Request r && r.responder() != null) reply(r.responder().respond(handle(r.name(), r.args())));
 * else if (d instanceof Dispatched.Response resp) complete(resp.session(), resp.result());
 * }</pre>
 */
public sealed interface Dispatched permits Dispatched.Request, Dispatched.Response {

    /** The header's {@code ud}, or null. */
    Long ud();

    /**
     * An incoming request. {@code args} is null when the protocol has no request type;
     * {@code responder} is null exactly when the request carried no session (one-way).
     */
    record Request(Protocol protocol, Map<String, Object> args, Responder responder, Long ud) implements Dispatched {

        public String name() {
            return protocol.name();
        }

        /** The arguments as a record of the request type (null when there are none). */
        public <R extends java.lang.Record> R args(Class<R> recordClass) {
            return args == null ? null : Dispatched.typed(protocol.request(), args, recordClass);
        }
    }

    /** The answer to a request sent with {@code session}; {@code result} is null when none was expected. */
    record Response(long session, Protocol protocol, Map<String, Object> result, Long ud) implements Dispatched {

        /** The result as a record of the response type (null when there is none). */
        public <R extends java.lang.Record> R result(Class<R> recordClass) {
            return result == null ? null : Dispatched.typed(protocol.response(), result, recordClass);
        }
    }

    private static <R extends java.lang.Record> R typed(SprotoType type, Map<String, Object> value, Class<R> recordClass) {
        // Re-encoding reuses the checked codec paths; dispatch stays one decode for Map users.
        byte[] bytes = Codec.encode(type.mapBinding(), value);
        // the values came from a decode that counted them already
        return recordClass.cast(Codec.decode(type.recordBinding(recordClass), bytes, 0, bytes.length, null, Integer.MAX_VALUE));
    }
}

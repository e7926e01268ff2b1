package io.skynetspring.sproto;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed sproto schema: its types and protocols, and the codec for them. Values are either
 * {@code Map<String, Object>} (the dynamic view, like a Lua table) or Java records whose
 * component names are the field names.
 *
 * <p>Decoded values in the Map view: {@code integer} → {@link Long}, {@code integer(N)} →
 * {@link Double} (the wire integer divided by 10^N, as the Lua binding does), {@code double} →
 * {@link Double}, {@code boolean} → {@link Boolean}, {@code string} → {@link String},
 * {@code binary} → {@code byte[]}, structs → {@code LinkedHashMap}, arrays → {@code ArrayList},
 * maps → {@code LinkedHashMap}. Absent fields are absent (no defaults); unknown tags are skipped.
 * Keys of the Map that name no field are ignored when encoding, as the Lua binding does.
 *
 * <p>A {@code Sproto} is immutable and safe to share across threads; parse a schema once.
 *
 * <pre>{@code
 * Sproto sp = Sproto.parse(".Person { name 0 : string  id 1 : integer }");
 * byte[] bytes = sp.encode("Person", Map.of("name", "Alice", "id", 1001));
 * Person p = sp.decode(Person.class, bytes);
 * }</pre>
 */
public final class Sproto {

    private final Map<String, SprotoType> types;
    private final Map<String, Protocol> protocols;
    private final Map<Integer, Protocol> protocolsByTag;
    private final Map<Class<?>, SprotoType> recordTypes;
    private final SprotoLimits limits;

    Sproto(Map<String, SprotoType> types, Map<String, Protocol> protocols) {
        this.types = Collections.unmodifiableMap(types);
        this.protocols = Collections.unmodifiableMap(protocols);
        Map<Integer, Protocol> byTag = new HashMap<>();
        for (Protocol p : protocols.values()) {
            byTag.put(p.tag(), p);
        }
        this.protocolsByTag = Collections.unmodifiableMap(byTag);
        this.recordTypes = new ConcurrentHashMap<>();
        this.limits = SprotoLimits.DEFAULT;
    }

    private Sproto(Sproto schema, SprotoLimits limits) {
        this.types = schema.types;
        this.protocols = schema.protocols;
        this.protocolsByTag = schema.protocolsByTag;
        this.recordTypes = schema.recordTypes;
        this.limits = limits;
    }

    /**
     * Parses and checks a schema.
     *
     * @throws SprotoSchemaException with line, column and what was expected
     */
    public static Sproto parse(String schema) {
        return SchemaLinker.link(SchemaParser.parse(schema));
    }

    /**
     * The same schema with other caps on decoding; {@link #parse} gives {@link SprotoLimits#DEFAULT}.
     * Hosts made from the result use them too. {@code sp.withLimits(SprotoLimits.DEFAULT.withMaxValues(200_000))}
     */
    public Sproto withLimits(SprotoLimits limits) {
        return new Sproto(this, java.util.Objects.requireNonNull(limits, "limits"));
    }

    /** The caps that decode, pdecode and this schema's hosts apply to incoming bytes. */
    public SprotoLimits limits() {
        return limits;
    }

    /** The type with this full (dotted) name. @throws SprotoException when there is none */
    public SprotoType type(String name) {
        SprotoType type = types.get(name);
        if (type == null) {
            throw new SprotoException("unknown sproto type " + name);
        }
        return type;
    }

    /** All types, in declaration order (a nested type after its outer type's fields). */
    public Collection<SprotoType> types() {
        return types.values();
    }

    /** The protocol with this name. @throws SprotoException when there is none */
    public Protocol protocol(String name) {
        Protocol p = protocols.get(name);
        if (p == null) {
            throw new SprotoException("unknown protocol " + name);
        }
        return p;
    }

    /** The protocol with this tag. @throws SprotoException when there is none */
    public Protocol protocol(int tag) {
        Protocol p = protocolsByTag.get(tag);
        if (p == null) {
            throw new SprotoException("unknown protocol tag " + tag);
        }
        return p;
    }

    public Collection<Protocol> protocols() {
        return protocols.values();
    }

    /** Encodes a Map view value. {@code byte[] b = sp.encode("Person", Map.of("id", 1))} */
    public byte[] encode(String type, Map<String, ?> value) {
        SprotoType t = type(type);
        return Codec.encode(t.mapBinding(), value);
    }

    /** Decodes into the Map view; bytes after the struct are ignored. @throws SprotoException past {@link #limits()} */
    public Map<String, Object> decode(String type, byte[] bytes) {
        return decode(type, bytes, 0, bytes.length);
    }

    /** Decodes the struct at {@code bytes[offset..offset+length)} into the Map view. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decode(String type, byte[] bytes, int offset, int length) {
        limits.checkMessage(length);
        return (Map<String, Object>) Codec.decode(type(type).mapBinding(), bytes, offset, length, null, limits.maxValues());
    }

    /**
     * Encodes a record as the type named by its class: for a nested class {@code Outer.Inner}
     * the names {@code Outer.Inner} then {@code Inner} are tried.
     * {@code byte[] b = sp.encode(new Person("Alice", 1001, null))}
     */
    public byte[] encode(Record value) {
        SprotoType t = typeOf(value.getClass());
        return Codec.encode(t.recordBinding(value.getClass()), value);
    }

    /** Encodes a record as the named type. */
    public byte[] encode(String type, Record value) {
        return Codec.encode(type(type).recordBinding(value.getClass()), value);
    }

    /** Decodes into a record of the type named by its class. {@code Person p = sp.decode(Person.class, b)} */
    public <R extends Record> R decode(Class<R> recordClass, byte[] bytes) {
        return decode(typeOf(recordClass).name(), recordClass, bytes, 0, bytes.length);
    }

    /** Decodes the named type into a record. */
    public <R extends Record> R decode(String type, Class<R> recordClass, byte[] bytes) {
        return decode(type, recordClass, bytes, 0, bytes.length);
    }

    /** Decodes the named type at {@code bytes[offset..offset+length)} into a record. */
    public <R extends Record> R decode(String type, Class<R> recordClass, byte[] bytes, int offset, int length) {
        limits.checkMessage(length);
        return recordClass.cast(Codec.decode(type(type).recordBinding(recordClass), bytes, offset, length, null,
                limits.maxValues()));
    }

    /** Encode then 0-pack, as Lua's {@code sp:pencode}. */
    public byte[] pencode(String type, Map<String, ?> value) {
        return ZeroPack.pack(encode(type, value));
    }

    /** 0-unpack then decode, as Lua's {@code sp:pdecode}. @throws SprotoException past {@link #limits()} */
    public Map<String, Object> pdecode(String type, byte[] packed) {
        limits.checkPacket(packed.length);
        return decode(type, ZeroPack.unpack(packed, limits.maxMessageBytes()));
    }

    /** An RPC host whose packets start with the {@code package} header type. */
    public Host host() {
        return host("package");
    }

    /** An RPC host whose packets start with the named header type. {@code Host h = sp.host("package")} */
    public Host host(String headerType) {
        return new Host(this, type(headerType));
    }

    SprotoType typeOf(Class<?> recordClass) {
        SprotoType cached = recordTypes.get(recordClass);
        if (cached != null) {
            return cached;
        }
        String name = recordClass.getSimpleName();
        String nested = name;
        for (Class<?> outer = recordClass.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            nested = outer.getSimpleName() + "." + nested;
        }
        for (String candidate = nested; ; candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            SprotoType type = types.get(candidate);
            if (type != null) {
                recordTypes.put(recordClass, type);
                return type;
            }
            if (candidate.indexOf('.') < 0) {
                throw new SprotoException("no sproto type named " + nested
                        + (nested.equals(name) ? "" : " or any shorter suffix")
                        + " for record " + recordClass.getName());
            }
        }
    }
}

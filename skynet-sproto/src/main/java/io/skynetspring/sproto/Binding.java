package io.skynetspring.sproto;

/**
 * How the values of one struct type are held in Java: read field by field when encoding, built
 * field by field when decoding. Field indexes follow {@link SprotoType#fieldArray()}.
 */
abstract class Binding {

    final SprotoType type;

    Binding(SprotoType type) {
        this.type = type;
    }

    /** The value of field {@code index} of {@code struct}, or null when it is absent. */
    abstract Object get(Object struct, int index);

    /**
     * Whether field {@code index} is an integer held as a primitive {@code long} or {@code int}: always
     * present, read with {@link #getLong} so encoding boxes nothing.
     */
    boolean primitiveInteger(int index) {
        return false;
    }

    /** Field {@code index} of {@code struct} as an integer; bindings where {@link #primitiveInteger} holds read it unboxed. */
    long getLong(Object struct, int index) {
        return Scalars.integer(type.fieldArray()[index], get(struct, index));
    }

    /** The binding of a struct (or of one element or map value) held by field {@code index}. */
    abstract Binding encodeBinding(int index, Object value);

    /** The binding for structs decoded into field {@code index}. */
    abstract Binding decodeBinding(int index);

    /** Whether decoded values of field {@code index} are kept; unwanted blocks are skipped undecoded. */
    boolean wants(int index) {
        return true;
    }

    /** A fresh builder for one decoded struct. */
    abstract Object start();

    abstract void set(Object builder, int index, Object value);

    abstract Object finish(Object builder);
}

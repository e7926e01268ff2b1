package io.skynetspring.sproto;

import java.util.Map;

/**
 * One entry of a two-field map {@code *T()}: encoded from a {@link Map.Entry}, decoded into an
 * {@code Object[]{key, value}}. The lower-tag field (index 0) is the key.
 */
final class PairBinding extends Binding {

    /** Binding of struct values in the value field, or null for the dynamic Map view. */
    private final Binding values;

    PairBinding(SprotoType pairType, Binding values) {
        super(pairType);
        this.values = values;
    }

    @Override
    Object get(Object struct, int index) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) struct;
        return index == 0 ? entry.getKey() : entry.getValue();
    }

    @Override
    Binding encodeBinding(int index, Object value) {
        return values != null ? values : type.mapBinding().encodeBinding(index, value);
    }

    @Override
    Binding decodeBinding(int index) {
        return values != null ? values : type.mapBinding().decodeBinding(index);
    }

    @Override
    Object start() {
        return new Object[2];
    }

    @Override
    void set(Object builder, int index, Object value) {
        ((Object[]) builder)[index] = value;
    }

    @Override
    Object finish(Object builder) {
        return builder;
    }
}

package io.skynetspring.sproto;

import java.util.LinkedHashMap;
import java.util.Map;

/** The dynamic view: a struct is a {@code Map<String, Object>} keyed by field name. */
final class MapBinding extends Binding {

    private final PairBinding[] pairs;

    MapBinding(SprotoType type) {
        super(type);
        Field[] fields = type.fieldArray();
        this.pairs = new PairBinding[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].isPairMap()) {
                pairs[i] = new PairBinding(fields[i].struct(), null);
            }
        }
    }

    @Override
    Object get(Object struct, int index) {
        return ((Map<?, ?>) struct).get(type.fieldArray()[index].name());
    }

    @Override
    Binding encodeBinding(int index, Object value) {
        PairBinding pair = pairs[index];
        return pair != null ? pair : type.fieldArray()[index].struct().bindingFor(value);
    }

    @Override
    Binding decodeBinding(int index) {
        PairBinding pair = pairs[index];
        return pair != null ? pair : type.fieldArray()[index].struct().mapBinding();
    }

    @Override
    Object start() {
        return new LinkedHashMap<String, Object>();
    }

    @Override
    @SuppressWarnings("unchecked")
    void set(Object builder, int index, Object value) {
        ((Map<String, Object>) builder).put(type.fieldArray()[index].name(), value);
    }

    @Override
    Object finish(Object builder) {
        return builder;
    }
}

package io.skynetspring.core.service;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Maps cross as deep copies (keys and values) of the same kind: a {@code HashMap} stays one, a
 * {@code LinkedHashMap} keeps its order, a {@code TreeMap} its comparator; a kind the runtime does
 * not know becomes a {@code LinkedHashMap}, in the original's iteration order. {@code Map.of(...)}
 * of immutable keys and values passes as it is; unmodifiable maps stay unmodifiable.
 */
final class MapCopy extends Crossing {

    private enum Shape { HASH, LINKED, TREE, SKIP_LIST, CONCURRENT, ENUM, IDENTITY }

    private final Shape shape;
    private final boolean immutable;
    private final boolean unmodifiable;

    private MapCopy(Shape shape, Class<?> type) {
        this.shape = shape;
        this.immutable = CollectionCopy.ownsImmutable(type);
        this.unmodifiable = immutable || type.getName().startsWith("java.util.Collections$Unmodifiable");
    }

    static Crossing of(Class<?> type) {
        Shape s;
        if (EnumMap.class.isAssignableFrom(type)) {
            s = Shape.ENUM;
        } else if (IdentityHashMap.class.isAssignableFrom(type)) {
            s = Shape.IDENTITY;
        } else if (ConcurrentSkipListMap.class.isAssignableFrom(type)) {
            s = Shape.SKIP_LIST;
        } else if (ConcurrentMap.class.isAssignableFrom(type)) {
            s = Shape.CONCURRENT;
        } else if (SortedMap.class.isAssignableFrom(type)) {
            s = Shape.TREE;
        } else if (LinkedHashMap.class.isAssignableFrom(type)) {
            s = Shape.LINKED;
        } else if (HashMap.class.isAssignableFrom(type)) {
            s = Shape.HASH;
        } else {
            s = Shape.LINKED;
        }
        return new MapCopy(s, type);
    }

    /** A hash table size that holds {@code n} entries without growing. */
    static int capacity(int n) {
        return n < 3 ? n + 1 : (int) (n / 0.75f) + 1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object copy(Object value, int depth) {
        Map<?, ?> src = (Map<?, ?>) value;
        if (immutable && MessageCopy.allAsIs(src.keySet()) && MessageCopy.allAsIs(src.values())) {
            return src;
        }
        int n = src.size();
        Map<Object, Object> out = switch (shape) {
            case HASH -> new HashMap<>(capacity(n));
            case LINKED -> new LinkedHashMap<>(capacity(n));
            case TREE -> new TreeMap<>((Comparator) ((SortedMap) src).comparator());
            case SKIP_LIST -> new ConcurrentSkipListMap<>((Comparator) ((SortedMap) src).comparator());
            case CONCURRENT -> new ConcurrentHashMap<>(capacity(n));
            case ENUM -> new EnumMap((EnumMap) src);
            case IDENTITY -> new IdentityHashMap<>(n);
        };
        for (Map.Entry<?, ?> e : src.entrySet()) {
            out.put(MessageCopy.value(e.getKey(), depth + 1), MessageCopy.value(e.getValue(), depth + 1));
        }
        if (!unmodifiable) {
            return out;
        }
        return out instanceof SortedMap sorted ? Collections.unmodifiableSortedMap(sorted)
                : Collections.unmodifiableMap(out);
    }
}

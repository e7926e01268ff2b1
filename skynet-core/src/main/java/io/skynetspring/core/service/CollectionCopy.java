package io.skynetspring.core.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Lists, sets and other collections cross as deep copies of the same kind: an {@code ArrayList}
 * stays one, a {@code LinkedHashSet} keeps its order, a {@code TreeSet} its comparator; a kind the
 * runtime does not know becomes an {@code ArrayList} (a list or plain collection) or a
 * {@code LinkedHashSet} (a set), so iteration order is kept. Unmodifiable ones ({@code List.of},
 * {@code Collections.unmodifiableList}) stay unmodifiable; {@code List.of(...)} of immutable
 * elements passes as it is.
 */
final class CollectionCopy extends Crossing {

    private enum Shape {
        ARRAY_LIST, LINKED_LIST, COPY_ON_WRITE_LIST, HASH_SET, LINKED_SET, TREE_SET, SKIP_LIST_SET, ENUM_SET,
        CONCURRENT_SET, COPY_ON_WRITE_SET, ARRAY_DEQUE, PRIORITY_QUEUE, COLLECTION
    }

    private final Shape shape;
    /** The JDK's own immutable collections: passed as they are when every element is. */
    private final boolean immutable;
    /** The copy is wrapped unmodifiable, as the original was. */
    private final boolean unmodifiable;
    private final boolean list;

    private CollectionCopy(Shape shape, Class<?> type, boolean list) {
        this.shape = shape;
        this.immutable = ownsImmutable(type);
        this.unmodifiable = immutable || type.getName().startsWith("java.util.Collections$Unmodifiable");
        this.list = list;
    }

    static Crossing list(Class<?> type) {
        Shape s = type == CopyOnWriteArrayList.class ? Shape.COPY_ON_WRITE_LIST
                : LinkedList.class.isAssignableFrom(type) ? Shape.LINKED_LIST : Shape.ARRAY_LIST;
        return new CollectionCopy(s, type, true);
    }

    static Crossing set(Class<?> type) {
        Shape s;
        if (EnumSet.class.isAssignableFrom(type)) {
            s = Shape.ENUM_SET;
        } else if (type == CopyOnWriteArraySet.class) {
            s = Shape.COPY_ON_WRITE_SET;
        } else if (type == ConcurrentSkipListSet.class) {
            s = Shape.SKIP_LIST_SET;
        } else if (type == ConcurrentHashMap.KeySetView.class) {
            s = Shape.CONCURRENT_SET;
        } else if (SortedSet.class.isAssignableFrom(type)) {
            s = Shape.TREE_SET;
        } else if (LinkedHashSet.class.isAssignableFrom(type)) {
            s = Shape.LINKED_SET;
        } else if (HashSet.class.isAssignableFrom(type)) {
            s = Shape.HASH_SET;
        } else {
            s = Shape.LINKED_SET;
        }
        return new CollectionCopy(s, type, false);
    }

    static Crossing other(Class<?> type) {
        Shape s = type == ArrayDeque.class ? Shape.ARRAY_DEQUE
                : PriorityQueue.class.isAssignableFrom(type) ? Shape.PRIORITY_QUEUE : Shape.COLLECTION;
        return new CollectionCopy(s, type, false);
    }

    /** {@code List.of}, {@code Set.of}, {@code Map.of}, {@code Collections.singletonList} and the like. */
    static boolean ownsImmutable(Class<?> type) {
        String n = type.getName();
        return n.startsWith("java.util.ImmutableCollections$") || n.startsWith("java.util.Collections$Singleton")
                || n.startsWith("java.util.Collections$Empty");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object copy(Object value, int depth) {
        Collection<?> src = (Collection<?>) value;
        if (immutable && MessageCopy.allAsIs(src)) {
            return src;
        }
        if (shape == Shape.ENUM_SET) {
            // enum constants are immutable: nothing inside needs copying
            Collection<?> out = EnumSet.copyOf((EnumSet) src);
            return unmodifiable ? Collections.unmodifiableSet((java.util.Set<?>) out) : out;
        }
        Collection<Object> out = empty(src);
        for (Object e : src) {
            out.add(MessageCopy.value(e, depth + 1));
        }
        return finish(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Collection<Object> empty(Collection<?> src) {
        int n = src.size();
        return switch (shape) {
            case ARRAY_LIST, COPY_ON_WRITE_LIST, COPY_ON_WRITE_SET, COLLECTION -> new ArrayList<>(n);
            case LINKED_LIST -> new LinkedList<>();
            case HASH_SET -> new HashSet<>(MapCopy.capacity(n));
            case LINKED_SET -> new LinkedHashSet<>(MapCopy.capacity(n));
            case TREE_SET -> new TreeSet<>((java.util.Comparator) ((SortedSet) src).comparator());
            case SKIP_LIST_SET -> new ConcurrentSkipListSet<>((java.util.Comparator) ((SortedSet) src).comparator());
            case CONCURRENT_SET -> ConcurrentHashMap.newKeySet(n);
            case ARRAY_DEQUE -> new ArrayDeque<>(n);
            case PRIORITY_QUEUE -> new PriorityQueue<>(Math.max(1, n),
                    (java.util.Comparator) ((PriorityQueue) src).comparator());
            case ENUM_SET -> throw new IllegalStateException("enum sets are copied whole");
        };
    }

    private Object finish(Collection<Object> out) {
        Collection<Object> c = switch (shape) {
            case COPY_ON_WRITE_LIST -> new CopyOnWriteArrayList<>(out);
            case COPY_ON_WRITE_SET -> new CopyOnWriteArraySet<>(out);
            default -> out;
        };
        if (!unmodifiable) {
            return c;
        }
        if (list) {
            return Collections.unmodifiableList((List<Object>) c);
        }
        if (c instanceof SortedSet<Object> sorted) {
            return Collections.unmodifiableSortedSet(sorted);
        }
        if (c instanceof java.util.Set<Object> set) {
            return Collections.unmodifiableSet(set);
        }
        return Collections.unmodifiableCollection(c);
    }
}

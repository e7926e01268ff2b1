package io.skynetspring.sproto;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user type of a schema ({@code .Person { ... }}), its fields in ascending tag order.
 * Immutable once its {@link Sproto} is built; safe to share across threads.
 *
 * <pre>{@code for (Field f : sp.type("Person").fields()) System.out.println(f);}</pre>
 */
public final class SprotoType {

    private final String name;
    private Field[] fields;
    private Map<String, Field> byName;
    private int maxEntries;
    private MapBinding mapBinding;
    // Bindings are derived from (this type, record class) and cost reflection to build, so they
    // are built once per class; the cache is the only mutable state and is thread-safe.
    private final Map<Class<?>, RecordBinding> recordBindings = new ConcurrentHashMap<>();

    SprotoType(String name) {
        this.name = name;
    }

    /** Called once by the schema linker, before the owning {@link Sproto} is published. */
    void install(Field[] sortedFields) {
        this.fields = sortedFields;
        Map<String, Field> names = new LinkedHashMap<>();
        for (Field f : sortedFields) {
            names.put(f.name(), f);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.maxEntries = sortedFields.length + holes(sortedFields);
        this.mapBinding = new MapBinding(this);
    }

    /**
     * Runs of undeclared tags below the highest tag. Each can cost one skip marker on top of one
     * entry per field, which bounds the field part the encoder reserves up front.
     */
    private static int holes(Field[] sorted) {
        int holes = 0;
        int last = -1;
        for (Field f : sorted) {
            if (f.tag() > last + 1) {
                holes++;
            }
            last = f.tag();
        }
        return holes;
    }

    /** The full name, dotted for nested types ({@code Person.Phone}, {@code buy.request}). */
    public String name() {
        return name;
    }

    /** The fields in ascending tag order. */
    public List<Field> fields() {
        return List.of(fields);
    }

    /** The field with this name, or null. */
    public Field field(String fieldName) {
        return byName.get(fieldName);
    }

    /** The field with this tag, or null. */
    public Field fieldByTag(int tag) {
        int at = indexOfTag(tag);
        return at < 0 ? null : fields[at];
    }

    int indexOfTag(int tag) {
        int lo = 0;
        int hi = fields.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int t = fields[mid].tag();
            if (t < tag) {
                lo = mid + 1;
            } else if (t > tag) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    int indexOf(Field field) {
        return indexOfTag(field.tag());
    }

    Field[] fieldArray() {
        return fields;
    }

    int maxEntries() {
        return maxEntries;
    }

    MapBinding mapBinding() {
        return mapBinding;
    }

    RecordBinding recordBinding(Class<?> recordClass) {
        RecordBinding binding = recordBindings.get(recordClass);
        if (binding == null) {
            // Not computeIfAbsent: building a binding may look up other bindings of this type.
            binding = new RecordBinding(this, recordClass);
            RecordBinding raced = recordBindings.putIfAbsent(recordClass, binding);
            if (raced != null) {
                binding = raced;
            }
        }
        return binding;
    }

    /** Binding for a struct value whose Java class is only known at run time. */
    Binding bindingFor(Object value) {
        if (value instanceof Map) {
            return mapBinding;
        }
        if (value instanceof Record) {
            return recordBinding(value.getClass());
        }
        throw new SprotoException("a value of type " + name + " must be a Map or a record, not "
                + value.getClass().getName());
    }

    @Override
    public String toString() {
        return "." + name + " " + Arrays.toString(fields);
    }
}

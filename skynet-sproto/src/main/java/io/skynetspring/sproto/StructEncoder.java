package io.skynetspring.sproto;

import java.util.Collection;
import java.util.Map;

/** Writes structs in the wire layout of the spec (section 2 and 3) through a {@link Binding}. */
final class StructEncoder {

    /** The Lua binding's limit, the top-level struct counting as one level. */
    static final int MAX_DEPTH = 64;

    private final WireWriter out;

    StructEncoder(WireWriter out) {
        this.out = out;
    }

    void struct(Binding binding, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new SprotoException("cannot encode " + binding.type.name() + ": structs nest deeper than "
                    + MAX_DEPTH + " levels");
        }
        Field[] fields = binding.type.fieldArray();
        int start = out.position();
        // The field part can only be sized after every value is seen; reserving its upper bound
        // lets data be written straight away and moved down at most once.
        int reserved = 2 + 2 * binding.type.maxEntries();
        out.reserve(reserved);
        int entries = 0;
        int last = -1;
        for (int i = 0; i < fields.length; i++) {
            // a record's long or int component: read unboxed, and never absent
            boolean primitive = binding.primitiveInteger(i);
            Object v = null;
            if (!primitive) {
                v = binding.get(value, i);
                if (v == null) {
                    continue;
                }
            }
            Field f = fields[i];
            int gap = f.tag() - last - 1;
            if (gap > 0) {
                out.u16At(start + 2 + 2 * entries++, 2 * (gap - 1) + 1);
            }
            last = f.tag();
            int entry = primitive ? integer(binding.getLong(value, i))
                    : f.isArray() ? array(binding, i, f, v, depth) : single(binding, i, f, v, depth);
            out.u16At(start + 2 + 2 * entries++, entry);
        }
        int fieldPartEnd = start + 2 + 2 * entries;
        if (fieldPartEnd < start + reserved) {
            out.shiftDown(start + reserved, fieldPartEnd);
        }
        out.u16At(start, entries);
    }

    /** Writes a non-array value; returns its field entry (0 when it went to the data part). */
    private int single(Binding binding, int index, Field f, Object v, int depth) {
        switch (f.type()) {
            case BOOLEAN:
                return Scalars.bool(f, v) ? 4 : 2;
            case INTEGER:
                return integer(Scalars.integer(f, v));
            case DECIMAL:
                return integer(Scalars.decimal(f, v));
            case DOUBLE:
                out.u32(8);
                out.i64(Double.doubleToRawLongBits(Scalars.real(f, v)));
                return 0;
            case STRING:
                string(Scalars.text(f, v));
                return 0;
            case BINARY:
                byte[] bytes = Scalars.binary(f, v);
                out.u32(bytes.length);
                out.bytes(bytes);
                return 0;
            default:
                nested(binding.encodeBinding(index, v), v, depth);
                return 0;
        }
    }

    private int integer(long x) {
        if (x >= 0 && x <= 0x7ffe) {
            return (int) (x + 1) << 1;
        }
        if (x == (int) x) {
            out.u32(4);
            out.u32((int) x);
        } else {
            out.u32(8);
            out.i64(x);
        }
        return 0;
    }

    private void string(String s) {
        int at = out.reserve(4);
        out.u32At(at, out.utf8(s));
    }

    private void nested(Binding binding, Object value, int depth) {
        int at = out.reserve(4);
        struct(binding, value, depth + 1);
        out.u32At(at, out.position() - at - 4);
    }

    private int array(Binding binding, int index, Field f, Object v, int depth) {
        int at = out.reserve(4);
        if (f.isMap()) {
            map(binding, index, f, Scalars.map(f, v), depth);
        } else {
            Collection<?> elements = Scalars.list(f, v);
            if (!elements.isEmpty()) {
                elements(binding, index, f, elements, depth);
            }
        }
        out.u32At(at, out.position() - at - 4);
        return 0;
    }

    private void elements(Binding binding, int index, Field f, Collection<?> elements, int depth) {
        switch (f.type()) {
            case INTEGER, DECIMAL -> {
                boolean wide = false;
                for (Object e : elements) {
                    long x = wireInteger(f, e);
                    wide |= x != (int) x;
                }
                out.u8(wide ? 8 : 4);
                for (Object e : elements) {
                    long x = wireInteger(f, e);
                    if (wide) {
                        out.i64(x);
                    } else {
                        out.u32((int) x);
                    }
                }
            }
            case DOUBLE -> {
                out.u8(8);
                for (Object e : elements) {
                    out.i64(Double.doubleToRawLongBits(Scalars.real(f, element(f, e))));
                }
            }
            case BOOLEAN -> {
                for (Object e : elements) {
                    out.u8(Scalars.bool(f, element(f, e)) ? 1 : 0);
                }
            }
            case STRING -> {
                for (Object e : elements) {
                    string(Scalars.text(f, element(f, e)));
                }
            }
            case BINARY -> {
                for (Object e : elements) {
                    byte[] bytes = Scalars.binary(f, element(f, e));
                    out.u32(bytes.length);
                    out.bytes(bytes);
                }
            }
            case STRUCT -> {
                for (Object e : elements) {
                    nested(binding.encodeBinding(index, element(f, e)), e, depth);
                }
            }
        }
    }

    private static long wireInteger(Field f, Object e) {
        return f.type() == FieldType.DECIMAL ? Scalars.decimal(f, element(f, e)) : Scalars.integer(f, element(f, e));
    }

    private static Object element(Field f, Object e) {
        if (e == null) {
            throw new SprotoException("array field " + f.name() + " contains null");
        }
        return e;
    }

    private void map(Binding binding, int index, Field f, Map<?, ?> map, int depth) {
        if (f.isPairMap()) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    throw new SprotoException("map field " + f.name() + " contains a null key or value");
                }
                nested(binding.encodeBinding(index, entry), entry, depth);
            }
            return;
        }
        Field key = f.mapKey();
        int keyIndex = f.struct().indexOf(key);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = element(f, entry.getValue());
            Binding element = binding.encodeBinding(index, value);
            Object ownKey = element.get(value, keyIndex);
            if (!Scalars.sameKey(key, entry.getKey(), ownKey)) {
                throw new SprotoException("map field " + f.name() + ": entry under key " + entry.getKey()
                        + " has " + key.name() + " = " + ownKey);
            }
            nested(element, value, depth);
        }
    }
}

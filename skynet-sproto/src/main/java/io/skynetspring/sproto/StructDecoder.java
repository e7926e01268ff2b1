package io.skynetspring.sproto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads structs in the wire layout of the spec through a {@link Binding}. Every length is checked
 * against the bytes left before anything is allocated from it, element counts are derived from
 * checked block sizes, and nesting is capped, so hostile input fails with {@link SprotoException}.
 */
final class StructDecoder {

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] in;
    private final int maxValues;
    private int values;
    private int consumedTo;

    /** A decoder of {@code in} that refuses to make more than {@code maxValues} values (see {@link SprotoLimits}). */
    StructDecoder(byte[] in, int maxValues) {
        this.in = in;
        this.maxValues = maxValues;
    }

    /** Where the last struct decoded by {@link #struct} ended. */
    int consumedTo() {
        return consumedTo;
    }

    /** Decodes one struct starting at {@code off} that must not read past {@code limit}. */
    Object struct(Binding binding, int off, int limit, int depth) {
        SprotoType type = binding.type;
        if (depth > StructEncoder.MAX_DEPTH) {
            throw fail(off, type.name() + " nests deeper than " + StructEncoder.MAX_DEPTH + " levels");
        }
        if (limit - off < 2) {
            throw fail(off, "truncated header of " + type.name() + ": " + (limit - off) + " bytes left, need 2");
        }
        charge(1, off);
        int count = u16(off);
        int fieldPart = off + 2;
        int data = fieldPart + 2 * count;
        if (data > limit) {
            throw fail(off, "truncated field part of " + type.name() + ": " + count + " entries need "
                    + (2 * count) + " bytes, " + (limit - fieldPart) + " left");
        }
        Field[] fields = type.fieldArray();
        Object builder = binding.start();
        int next = 0;
        long tag = -1;
        for (int k = 0; k < count; k++) {
            int entry = u16(fieldPart + 2 * k);
            tag++;
            if ((entry & 1) != 0) {
                tag += entry >>> 1;
                continue;
            }
            int blockStart = 0;
            int blockLength = 0;
            if (entry == 0) {
                if (limit - data < 4) {
                    throw fail(data, "truncated length of tag " + tag + " in " + type.name());
                }
                long length = Integer.toUnsignedLong((int) I32.get(in, data));
                if (length > limit - data - 4) {
                    throw fail(data, "block of tag " + tag + " in " + type.name() + " claims " + length
                            + " bytes, " + (limit - data - 4) + " left");
                }
                blockStart = data + 4;
                blockLength = (int) length;
                data = blockStart + blockLength;
            }
            while (next < fields.length && fields[next].tag() < tag) {
                next++;
            }
            if (next == fields.length || fields[next].tag() != tag || !binding.wants(next)) {
                continue;
            }
            Field f = fields[next];
            charge(1, fieldPart + 2 * k);
            Object value = entry != 0
                    ? inline(f, (entry >>> 1) - 1, fieldPart + 2 * k)
                    : block(binding, next, f, blockStart, blockLength, depth);
            binding.set(builder, next, value);
        }
        consumedTo = data;
        return binding.finish(builder);
    }

    private Object inline(Field f, int v, int at) {
        if (f.isArray()) {
            throw fail(at, "array field " + f.name() + " cannot be an inline value");
        }
        return switch (f.type()) {
            case INTEGER -> (long) v;
            case DECIMAL -> Scalars.decimalValue(f, v);
            case BOOLEAN -> v != 0;
            default -> throw fail(at, f.type().name().toLowerCase(java.util.Locale.ROOT) + " field " + f.name()
                    + " cannot be an inline value");
        };
    }

    private Object block(Binding binding, int index, Field f, int at, int length, int depth) {
        if (f.isArray()) {
            return f.isMap() ? map(binding, index, f, at, length, depth) : array(binding, index, f, at, length, depth);
        }
        return switch (f.type()) {
            case INTEGER -> integer(f, at, length);
            case DECIMAL -> Scalars.decimalValue(f, integer(f, at, length));
            case DOUBLE -> {
                if (length != 8) {
                    throw fail(at, "double field " + f.name() + " has " + length + " bytes, need 8");
                }
                yield Double.longBitsToDouble((long) I64.get(in, at));
            }
            case STRING -> new String(in, at, length, StandardCharsets.UTF_8);
            case BINARY -> Arrays.copyOfRange(in, at, at + length);
            case BOOLEAN -> throw fail(at, "boolean field " + f.name() + " cannot be a data block");
            case STRUCT -> whole(binding.decodeBinding(index), f, at, at + length, depth);
        };
    }

    private long integer(Field f, int at, int length) {
        if (length == 4) {
            return (int) I32.get(in, at);
        }
        if (length == 8) {
            return (long) I64.get(in, at);
        }
        throw fail(at, "integer field " + f.name() + " has " + length + " bytes, need 4 or 8");
    }

    /** A nested struct must fill its block exactly. */
    private Object whole(Binding binding, Field f, int at, int end, int depth) {
        Object value = struct(binding, at, end, depth + 1);
        if (consumedTo != end) {
            throw fail(consumedTo, "struct in field " + f.name() + " leaves " + (end - consumedTo)
                    + " unread bytes in its block");
        }
        return value;
    }

    private List<Object> array(Binding binding, int index, Field f, int at, int length, int depth) {
        int end = at + length;
        switch (f.type()) {
            case INTEGER, DECIMAL, DOUBLE -> {
                if (length <= 1) {
                    return new ArrayList<>(0);
                }
                int width = in[at];
                if (width != 8 && (width != 4 || f.type() == FieldType.DOUBLE)) {
                    throw fail(at, "array field " + f.name() + " has element width " + width + ", need "
                            + (f.type() == FieldType.DOUBLE ? "8" : "4 or 8"));
                }
                if ((length - 1) % width != 0) {
                    throw fail(at, "array field " + f.name() + " has " + (length - 1)
                            + " bytes, not a multiple of width " + width);
                }
                int n = (length - 1) / width;
                charge(n, at);
                List<Object> out = new ArrayList<>(n);
                for (int p = at + 1; p < end; p += width) {
                    long x = width == 4 ? (int) I32.get(in, p) : (long) I64.get(in, p);
                    out.add(switch (f.type()) {
                        case INTEGER -> x;
                        case DECIMAL -> Scalars.decimalValue(f, x);
                        default -> Double.longBitsToDouble(x);
                    });
                }
                return out;
            }
            case BOOLEAN -> {
                charge(length, at);
                List<Object> out = new ArrayList<>(length);
                for (int p = at; p < end; p++) {
                    out.add(in[p] != 0);
                }
                return out;
            }
            default -> {
                List<Object> out = new ArrayList<>(Math.min(length / 4, 16));
                Binding element = f.type() == FieldType.STRUCT ? binding.decodeBinding(index) : null;
                for (int p = at; p < end; ) {
                    int elementStart = elementStart(f, p, end);
                    int elementEnd = elementStart + (int) Integer.toUnsignedLong((int) I32.get(in, p));
                    if (f.type() != FieldType.STRUCT) {
                        charge(1, p);   // a struct element counts itself
                    }
                    out.add(switch (f.type()) {
                        case STRING -> new String(in, elementStart, elementEnd - elementStart, StandardCharsets.UTF_8);
                        case BINARY -> Arrays.copyOfRange(in, elementStart, elementEnd);
                        default -> whole(element, f, elementStart, elementEnd, depth);
                    });
                    p = elementEnd;
                }
                return out;
            }
        }
    }

    /** Checks the element block at {@code p} fits before {@code end}; returns where its bytes start. */
    private int elementStart(Field f, int p, int end) {
        if (end - p < 4) {
            throw fail(p, "truncated element length in array field " + f.name());
        }
        long length = Integer.toUnsignedLong((int) I32.get(in, p));
        if (length > end - p - 4) {
            throw fail(p, "element of array field " + f.name() + " claims " + length + " bytes, "
                    + (end - p - 4) + " left");
        }
        return p + 4;
    }

    private Map<Object, Object> map(Binding binding, int index, Field f, int at, int length, int depth) {
        Map<Object, Object> out = new LinkedHashMap<>();
        Binding element = binding.decodeBinding(index);
        int keyIndex = f.struct().indexOf(f.mapKey());
        int end = at + length;
        for (int p = at; p < end; ) {
            int elementStart = elementStart(f, p, end);
            int elementEnd = elementStart + (int) Integer.toUnsignedLong((int) I32.get(in, p));
            Object value = whole(element, f, elementStart, elementEnd, depth);
            Object key;
            if (f.isPairMap()) {
                Object[] pair = (Object[]) value;
                key = pair[0];
                value = pair[1];
                if (key == null || value == null) {
                    throw fail(elementStart, "entry of map field " + f.name() + " lacks its "
                            + (key == null ? "key" : "value"));
                }
            } else {
                key = element.get(value, keyIndex);
                if (key == null) {
                    throw fail(elementStart, "entry of map field " + f.name() + " lacks its key "
                            + f.mapKey().name());
                }
            }
            out.put(key, value);
            p = elementEnd;
        }
        return out;
    }

    /** Counts {@code n} more values before they are made; past {@code maxValues} the decode fails. */
    private void charge(int n, int at) {
        if (n > maxValues - values) {
            throw fail(at, "decodes to more than " + maxValues + " values (SprotoLimits.maxValues); raise it with"
                    + " Sproto.withLimits if such messages are expected");
        }
        values += n;
    }

    private int u16(int at) {
        return (in[at] & 0xff) | (in[at + 1] & 0xff) << 8;
    }

    private static SprotoException fail(int offset, String problem) {
        return new SprotoException("bad sproto data at byte " + offset + ": " + problem);
    }
}

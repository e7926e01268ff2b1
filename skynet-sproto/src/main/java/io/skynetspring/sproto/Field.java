package io.skynetspring.sproto;

/**
 * One field of a {@link SprotoType}: name, tag, element type, and whether it is an array or a
 * map. Immutable.
 *
 * <pre>{@code Field id = sp.type("Person").field("id"); assert id.type() == FieldType.INTEGER;}</pre>
 */
public final class Field {

    private final String name;
    private final int tag;
    private final FieldType type;
    private final SprotoType struct;
    private final boolean array;
    private final int decimals;
    private final double scale;
    private final int mapKeyTag;
    private final boolean pairMap;

    Field(String name, int tag, FieldType type, SprotoType struct, boolean array, int decimals,
          int mapKeyTag, boolean pairMap) {
        this.name = name;
        this.tag = tag;
        this.type = type;
        this.struct = struct;
        this.array = array;
        this.decimals = decimals;
        this.scale = decimals < 0 ? 1 : Math.pow(10, decimals);
        this.mapKeyTag = mapKeyTag;
        this.pairMap = pairMap;
    }

    public String name() {
        return name;
    }

    public int tag() {
        return tag;
    }

    /** The type of the field, or of each element when it is an array or a map. */
    public FieldType type() {
        return type;
    }

    /** The user type of a {@link FieldType#STRUCT} field (or of its elements), else null. */
    public SprotoType struct() {
        return struct;
    }

    /** True for {@code *T}, including maps (a map travels as the array of its entries). */
    public boolean isArray() {
        return array;
    }

    /** The N of {@code integer(N)}, or -1 when the field is not a decimal. */
    public int decimals() {
        return decimals;
    }

    /** 10^N for a decimal field, 1 otherwise. */
    double scale() {
        return scale;
    }

    /** True for both map forms, {@code *T(key)} and {@code *T()}. */
    public boolean isMap() {
        return mapKeyTag >= 0;
    }

    /** True for the two-field form {@code *T()}, whose map values are the second field's values. */
    public boolean isPairMap() {
        return pairMap;
    }

    /** The field of {@link #struct()} that keys the map, or null when this is not a map. */
    public Field mapKey() {
        return mapKeyTag < 0 ? null : struct.fieldByTag(mapKeyTag);
    }

    /** For {@code *T()}, the field of {@link #struct()} holding the map value; else null. */
    public Field mapValue() {
        if (!pairMap) {
            return null;
        }
        Field[] pair = struct.fieldArray();
        return pair[0].tag() == mapKeyTag ? pair[1] : pair[0];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(' ').append(tag).append(" : ");
        if (array) {
            text.append('*');
        }
        text.append(switch (type) {
            case STRUCT -> struct.name();
            case DECIMAL -> "integer";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        });
        if (decimals >= 0) {
            text.append('(').append(decimals).append(')');
        } else if (pairMap) {
            text.append("()");
        } else if (mapKeyTag >= 0) {
            text.append('(').append(mapKey().name()).append(')');
        }
        return text.toString();
    }
}

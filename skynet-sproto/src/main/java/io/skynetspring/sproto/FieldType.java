package io.skynetspring.sproto;

/**
 * What one value of a {@link Field} is, and so how it travels on the wire and which Java type it
 * decodes to in the {@code Map} view.
 *
 * <pre>{@code if (field.type() == FieldType.DECIMAL) places = field.decimals();}</pre>
 */
public enum FieldType {
    /** {@code integer}: signed 64-bit, decodes as {@link Long}. */
    INTEGER,
    /** {@code integer(N)}: fixed point with N decimal places, decodes as {@link Double}. */
    DECIMAL,
    /** {@code boolean}: decodes as {@link Boolean}. */
    BOOLEAN,
    /** {@code string}: UTF-8 text, decodes as {@link String}. */
    STRING,
    /** {@code binary}: raw bytes, decodes as {@code byte[]}. */
    BINARY,
    /** {@code double}: IEEE-754 binary64, decodes as {@link Double}. */
    DOUBLE,
    /** A user type: decodes as {@code Map<String, Object>} or as the bound record. */
    STRUCT;

    /** Built-in types are everything but {@link #STRUCT}; only they may key a map. */
    public boolean isBuiltin() {
        return this != STRUCT;
    }
}

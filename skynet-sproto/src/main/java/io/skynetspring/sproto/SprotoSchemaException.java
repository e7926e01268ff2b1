package io.skynetspring.sproto;

/**
 * A schema text that {@link Sproto#parse(String)} rejects; the message starts with
 * {@code line:column} and says what was expected.
 *
 * <pre>{@code catch (SprotoSchemaException e) { log(e.line(), e.column(), e.getMessage()); }}</pre>
 */
public class SprotoSchemaException extends SprotoException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public SprotoSchemaException(int line, int column, String problem) {
        super(line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the offending text. */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending text. */
    public int column() {
        return column;
    }
}

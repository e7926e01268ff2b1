package io.skynetspring.sproto;

/** One lexical unit of a schema, with where it starts and whether a blank precedes it. */
record SchemaToken(Kind kind, String text, int line, int column, boolean blankBefore) {

    enum Kind { WORD, NUMBER, LBRACE, RBRACE, COLON, STAR, LPAREN, RPAREN, DOT, END }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of schema";
            case NUMBER -> "number " + text;
            default -> "'" + text + "'";
        };
    }

    SprotoSchemaException error(String problem) {
        return new SprotoSchemaException(line, column, problem);
    }
}

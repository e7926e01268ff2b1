package io.skynetspring.sproto;

import io.skynetspring.sproto.SchemaToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Cuts schema text into {@link SchemaToken}s; a dotted type reference is one WORD token. */
final class SchemaLexer {

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private SchemaLexer(String text) {
        this.text = text;
    }

    static List<SchemaToken> tokens(String text) {
        return new SchemaLexer(text).run();
    }

    private List<SchemaToken> run() {
        List<SchemaToken> out = new ArrayList<>();
        while (true) {
            boolean blank = skipBlanks() || pos == 0;
            int column = pos - lineStart + 1;
            if (pos >= text.length()) {
                out.add(new SchemaToken(Kind.END, "", line, column, blank));
                return out;
            }
            char c = text.charAt(pos);
            if (isWordStart(c)) {
                out.add(new SchemaToken(Kind.WORD, word(), line, column, blank));
            } else if (c >= '0' && c <= '9') {
                int start = pos;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos < text.length() && isWordStart(text.charAt(pos))) {
                    throw new SprotoSchemaException(line, pos - lineStart + 1,
                            "expected a blank after number " + text.substring(start, pos));
                }
                out.add(new SchemaToken(Kind.NUMBER, text.substring(start, pos), line, column, blank));
            } else {
                Kind kind = switch (c) {
                    case '{' -> Kind.LBRACE;
                    case '}' -> Kind.RBRACE;
                    case ':' -> Kind.COLON;
                    case '*' -> Kind.STAR;
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '.' -> Kind.DOT;
                    default -> throw new SprotoSchemaException(line, column,
                            "unexpected character '" + printable(c) + "'");
                };
                pos++;
                out.add(new SchemaToken(kind, String.valueOf(c), line, column, blank));
            }
        }
    }

    /** Consumes spaces, tabs, line breaks and comments; true if there were any. */
    private boolean skipBlanks() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        return pos > start;
    }

    private String word() {
        int start = pos;
        while (true) {
            while (pos < text.length() && isWordPart(text.charAt(pos))) {
                pos++;
            }
            // A dot continues the reference only when a word follows it (Person.Phone).
            if (pos + 1 < text.length() && text.charAt(pos) == '.' && isWordStart(text.charAt(pos + 1))) {
                pos++;
            } else {
                return text.substring(start, pos);
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

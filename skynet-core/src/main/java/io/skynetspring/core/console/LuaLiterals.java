package io.skynetspring.core.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of the console's {@code call} and {@code send}, written as Lua literals: integers
 * (Long), decimals (Double), strings in {@code "..."} or {@code '...'} with Lua's escapes, {@code true},
 * {@code false}, {@code nil}, and tables: {@code {1,2,3}} becomes a List, {@code {k=v, ["k"]=v}} a Map.
 * A bare word is a string, so {@code get_player 1001} and {@code "get_player", 1001} mean the same.
 * Top-level values are separated by spaces or commas; inside a table by commas or semicolons.
 *
 * <pre>{@code LuaLiterals.parse("set_name 1001 'Alice' {level=3}", 0)   // ["set_name", 1001L, "Alice", {level=3}]}</pre>
 */
final class LuaLiterals {

    /** Deepest nesting of tables: the line is bounded, and so is the parser's stack. */
    static final int MAX_DEPTH = 32;

    private final String text;
    /** Columns of the whole console line before {@code text}, so errors point into what was typed. */
    private final int offset;
    private int pos;

    private LuaLiterals(String text, int offset) {
        this.text = text;
        this.offset = offset;
    }

    /** The values in {@code text}; {@code offset} is how many characters of the line precede it. */
    static List<Object> parse(String text, int offset) {
        LuaLiterals p = new LuaLiterals(text, offset);
        List<Object> values = new ArrayList<>();
        p.skipSpace();
        while (p.pos < text.length()) {
            values.add(p.value(0));
            p.skipSpace();
            if (p.peek() == ',') {
                p.pos++;
                p.skipSpace();
                if (p.pos == text.length()) {
                    throw p.error(p.pos, "a value is missing after ','");
                }
            }
        }
        return values;
    }

    private Object value(int depth) {
        int start = pos;
        char c = peek();
        if (c == '"' || c == '\'') {
            return string(c);
        }
        if (c == '{') {
            if (depth == MAX_DEPTH) {
                throw error(start, "tables nested deeper than " + MAX_DEPTH);
            }
            return table(depth + 1);
        }
        if (c == '}' || c == ']' || c == '=' || c == ',' || c == ';' || c == '[') {
            throw error(start, "unexpected '" + c + "'");
        }
        String word = word();
        if (word.isEmpty()) {
            throw error(start, "a value is missing");
        }
        switch (word) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "nil":
                return null;
            default:
                break;
        }
        if (looksNumeric(word)) {
            return number(word, start);
        }
        return word;
    }

    /** A run of characters up to a space or a character with a meaning of its own. */
    private String word() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && ",;{}[]=\"'".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean looksNumeric(String w) {
        int i = w.charAt(0) == '-' || w.charAt(0) == '+' ? 1 : 0;
        return i < w.length() && (Character.isDigit(w.charAt(i))
                || w.charAt(i) == '.' && i + 1 < w.length() && Character.isDigit(w.charAt(i + 1)));
    }

    private Number number(String w, int start) {
        String digits = w.startsWith("+") ? w.substring(1) : w;
        boolean negative = digits.startsWith("-");
        String unsigned = negative ? digits.substring(1) : digits;
        try {
            if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
                long v = Long.parseUnsignedLong(unsigned.substring(2), 16);
                return negative ? -v : v;
            }
            if (unsigned.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(digits);
            }
            if (unsigned.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.' || ch == 'e' || ch == 'E'
                    || ch == '-' || ch == '+')) {
                return Double.parseDouble(digits);
            }
        } catch (NumberFormatException e) {
            if (unsigned.chars().allMatch(Character::isDigit)) {
                throw error(start, "integer " + w + " does not fit in 64 bits");
            }
        }
        throw error(start, "malformed number '" + w + "'");
    }

    private String string(char quote) {
        int open = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
            }
        }
        throw error(open, "unfinished string: no closing " + quote);
    }

    private void escape(StringBuilder sb) {
        int at = pos - 1;
        if (pos >= text.length()) {
            throw error(at, "unfinished escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000B');
            case '\\', '"', '\'' -> sb.append(e);
            case 'x' -> {
                if (pos + 2 > text.length()) {
                    throw error(at, "\\x needs two hex digits");
                }
                try {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 2), 16));
                } catch (NumberFormatException ex) {
                    throw error(at, "\\x needs two hex digits");
                }
                pos += 2;
            }
            case 'u' -> {
                int close = text.indexOf('}', pos);
                if (pos >= text.length() || text.charAt(pos) != '{' || close < 0) {
                    throw error(at, "\\u needs a code point in braces, as \\u{48}");
                }
                try {
                    sb.appendCodePoint(Integer.parseInt(text.substring(pos + 1, close), 16));
                } catch (IllegalArgumentException ex) {
                    throw error(at, "\\u needs a code point in braces, as \\u{48}");
                }
                pos = close + 1;
            }
            default -> {
                if (!Character.isDigit(e)) {
                    throw error(at, "invalid escape \\" + e);
                }
                int end = pos - 1;
                while (end < text.length() && end < pos + 2 && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                int code = Integer.parseInt(text.substring(pos - 1, end));
                if (code > 255) {
                    throw error(at, "decimal escape \\" + code + " is larger than 255");
                }
                sb.append((char) code);
                pos = end;
            }
        }
    }

    /** {@code {...}}: a List when every field is positional, otherwise a Map (positional fields keyed 1, 2, ...). */
    private Object table(int depth) {
        int open = pos;
        pos++;
        List<Object> positional = new ArrayList<>();
        Map<Object, Object> keyed = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            if (pos >= text.length()) {
                throw error(open, "unfinished table: no closing }");
            }
            field(depth, positional, keyed);
            skipSpace();
            char c = peek();
            if (c == ',' || c == ';') {
                pos++;
                skipSpace();
            } else if (c != '}') {
                throw pos >= text.length() ? error(open, "unfinished table: no closing }")
                        : error(pos, "expected ',' or '}' in the table opened at column " + column(open));
            }
        }
        pos++;
        if (keyed.isEmpty()) {
            return positional;
        }
        Map<Object, Object> all = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            all.put((long) (i + 1), positional.get(i));
        }
        all.putAll(keyed);
        return all;
    }

    private void field(int depth, List<Object> positional, Map<Object, Object> keyed) {
        int start = pos;
        if (peek() == '[') {
            pos++;
            skipSpace();
            Object key = value(depth);
            skipSpace();
            expect(']', "after the key at column " + column(start));
            skipSpace();
            expect('=', "after [key]");
            skipSpace();
            if (key == null) {
                throw error(start, "a table key cannot be nil");
            }
            keyed.put(key, value(depth));
            return;
        }
        Object v = value(depth);
        skipSpace();
        if (peek() == '=') {
            if (!(v instanceof String name) || !isName(name)) {
                throw error(start, "a key before '=' must be a name; write [key] = value for others");
            }
            pos++;
            skipSpace();
            keyed.put(name, value(depth));
            return;
        }
        positional.add(v);
    }

    private static boolean isName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        return s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }

    private void expect(char c, String where) {
        if (peek() != c) {
            throw error(pos, "expected '" + c + "' " + where);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private int column(int index) {
        return offset + index + 1;
    }

    private Malformed error(int index, String what) {
        return new Malformed("bad argument at column " + column(index) + ": " + what);
    }

    /** A line the parser cannot read; the message names the column, counted from 1 over the whole line. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}

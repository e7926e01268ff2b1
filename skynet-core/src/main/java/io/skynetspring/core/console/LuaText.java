package io.skynetspring.core.console;

import io.skynetspring.core.codec.LuaValues;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A reply as the console prints it, in Lua's notation: {@code nil}, {@code true}, {@code 42},
 * {@code 3.5}, {@code "text"} (escaped, so a reply never breaks the console's lines), lists as
 * {@code {1,2,3}}, maps and records as {@code {k=v,["a b"]=v,[1]=v}}. Bounded: deep nesting prints
 * {@code {...}} and a long reply is cut with a note of how much was left out.
 *
 * <pre>{@code LuaText.of(Map.of("id", 1001L))   // {id=1001}}</pre>
 */
final class LuaText {

    static final int MAX_DEPTH = 16;
    static final int MAX_CHARS = 16 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final StringBuilder out = new StringBuilder();

    private LuaText() {
    }

    static String of(Object value) {
        LuaText t = new LuaText();
        t.append(value, 0);
        if (t.out.length() > MAX_CHARS) {
            int cut = t.out.length() - MAX_CHARS;
            return t.out.substring(0, MAX_CHARS) + " ... (" + cut + " more characters)";
        }
        return t.out.toString();
    }

    private void append(Object v, int depth) {
        if (out.length() > MAX_CHARS) {
            return;
        }
        if (v == null) {
            out.append("nil");
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Number n) {
            out.append(LuaValues.numberToString(n));
        } else if (v instanceof CharSequence s) {
            quote(s.toString());
        } else if (v instanceof byte[] b) {
            quote(new String(b, StandardCharsets.UTF_8));
        } else if (depth == MAX_DEPTH) {
            out.append("{...}");
        } else if (v instanceof Map<?, ?> m) {
            map(m, depth);
        } else if (v instanceof Collection<?> c) {
            list(c.toArray(), depth);
        } else if (v.getClass().isArray()) {
            Object[] items = new Object[Array.getLength(v)];
            for (int i = 0; i < items.length; i++) {
                items[i] = Array.get(v, i);
            }
            list(items, depth);
        } else if (v instanceof Record r) {
            record(r, depth);
        } else {
            quote(v.toString());
        }
    }

    private void list(Object[] items, int depth) {
        out.append('{');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            append(items[i], depth + 1);
        }
        out.append('}');
    }

    private void map(Map<?, ?> m, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            key(e.getKey(), depth);
            out.append('=');
            append(e.getValue(), depth + 1);
        }
        out.append('}');
    }

    private void record(Record r, int depth) {
        out.append('{');
        RecordComponent[] parts = r.getClass().getRecordComponents();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(parts[i].getName()).append('=');
            try {
                parts[i].getAccessor().setAccessible(true);
                append(parts[i].getAccessor().invoke(r), depth + 1);
            } catch (ReflectiveOperationException | RuntimeException e) {
                out.append("?");
            }
        }
        out.append('}');
    }

    private void key(Object k, int depth) {
        if (k instanceof String s && NAME.matcher(s).matches()) {
            out.append(s);
        } else {
            out.append('[');
            append(k, depth + 1);
            out.append(']');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length() && out.length() <= MAX_CHARS; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

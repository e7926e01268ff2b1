package io.skynetspring.boot.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries of skynet's node table as people write them: {@code "host:port"}, or {@code false} for a
 * node marked down; {@code __nowaiting} takes true or false. Anything else is refused with an error
 * that names the entry.
 */
public final class NodeEntries {

    private NodeEntries() {
    }

    /**
     * The table with every value checked: {@code "host:port"} strings and {@code Boolean.FALSE};
     * {@code where} prefixes the entry's name in errors (e.g. {@code "skynet.cluster.nodes."}).
     *
     * <pre>{@code NodeEntries.parse(Map.of("db", "10.0.0.5:2528", "old", false), "nodes.");}</pre>
     */
    public static Map<String, Object> parse(Map<String, ?> entries, String where) {
        Map<String, Object> table = new LinkedHashMap<>();
        if (entries == null) {
            return table;
        }
        entries.forEach((name, value) -> table.put(name, entry(where, name, value)));
        return table;
    }

    /**
     * A table written as text, entries apart by commas or blanks, as an operator types it:
     * {@code "db=10.0.0.5:2528, old=false"}; blank text is an empty table.
     */
    public static Map<String, Object> parseText(String text, String where) {
        Map<String, Object> table = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return table;
        }
        for (String item : text.trim().split("[,;\\s]+")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + "\"" + item + "\" is not name=host:port or name=false, "
                        + "e.g. \"db=127.0.0.1:2528, old=false\"");
            }
            String name = item.substring(0, eq);
            if (table.put(name, entry(where, name, item.substring(eq + 1))) != null) {
                throw new IllegalArgumentException(where + name + " is given twice");
            }
        }
        return table;
    }

    static Object entry(String where, String name, Object value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + "<name>: a node needs a name");
        }
        String text = value == null ? "" : value.toString().trim();
        if (SkynetClusterProperties.NOWAITING.equals(name)) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException(where + name + "=" + quote(value) + " must be true or false");
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (!isAddress(text)) {
            throw new IllegalArgumentException(where + name + "=" + quote(value)
                    + " is not host:port or false; e.g. " + where + name + "=127.0.0.1:2528");
        }
        return text;
    }

    /** Whether {@code text} is {@code host:port} with a port 1..65535. */
    public static boolean isAddress(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.length() - colon > 6) {
            return false;
        }
        for (int i = colon + 1; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        int port = Integer.parseInt(text.substring(colon + 1));
        return port >= 1 && port <= 65535 && text.substring(0, colon).chars().noneMatch(Character::isWhitespace);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}

package io.skynetspring.core.service;

/**
 * A service address: skynet's 32-bit handle. The low 24 bits are the local id, the high 8 bits the
 * node (harbor) id. Prints as {@code :0000000a}, like {@code skynet.address}.
 *
 * <pre>{@code Address a = Address.parse(":0000000a"); a.localId() == 10}</pre>
 */
public record Address(int handle) implements Comparable<Address> {

    /** Address 0: no service (the source of messages from outside any service). */
    public static final Address NONE = new Address(0);

    public static Address of(int nodeId, int localId) {
        if (nodeId < 0 || nodeId > 0xFF) {
            throw new IllegalArgumentException("node id must be 0..255, was " + nodeId);
        }
        if (localId < 0 || localId > 0xFFFFFF) {
            throw new IllegalArgumentException("local id must be 0..0xFFFFFF, was " + localId);
        }
        return new Address((nodeId << 24) | localId);
    }

    /** Parses {@code :0000000a} (or {@code :a}); anything else is rejected. */
    public static Address parse(String text) {
        if (text == null || text.length() < 2 || text.length() > 9 || text.charAt(0) != ':') {
            throw new IllegalArgumentException("not an address (expected :0000000a): " + text);
        }
        try {
            return new Address(Integer.parseUnsignedInt(text.substring(1), 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address (expected :0000000a): " + text, e);
        }
    }

    public int nodeId() {
        return handle >>> 24;
    }

    public int localId() {
        return handle & 0xFFFFFF;
    }

    public boolean isNone() {
        return handle == 0;
    }

    @Override
    public int compareTo(Address o) {
        return Integer.compareUnsigned(handle, o.handle);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String toString() {
        char[] text = new char[9];
        text[0] = ':';
        for (int i = 0; i < 8; i++) {
            text[8 - i] = HEX[(handle >>> (i * 4)) & 0xF];
        }
        return new String(text);
    }
}

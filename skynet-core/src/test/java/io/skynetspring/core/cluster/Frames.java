package io.skynetspring.core.cluster;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/** Bytes for the frame tests: hex as the spec prints it, bodies of repeated bytes, payloads without the u16 length. */
final class Frames {

    private Frames() {
    }

    /** {@code "00 0F | 00 | 0A 00 00 00"} to bytes; spaces and {@code |} are ignored. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", "").replace("|", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    static byte[] repeat(int count, int b) {
        byte[] out = new byte[count];
        Arrays.fill(out, (byte) b);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A whole frame's payload: the frame without its u16 big-endian length, which must match. */
    static byte[] payload(byte[] frame) {
        int length = (frame[0] & 0xFF) << 8 | frame[1] & 0xFF;
        if (length != frame.length - 2) {
            throw new AssertionError("frame length field " + length + " but " + (frame.length - 2) + " payload bytes");
        }
        return Arrays.copyOfRange(frame, 2, frame.length);
    }

    /** A payload with its u16 big-endian length in front. */
    static byte[] frame(byte[] payload) {
        return concat(new byte[] {(byte) (payload.length >>> 8), (byte) payload.length}, payload);
    }
}

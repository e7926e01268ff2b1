package io.skynetspring.core.codec;

/** Test vectors are written as spaced hex, the way the spec prints them. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        String digits = hex.replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }
}

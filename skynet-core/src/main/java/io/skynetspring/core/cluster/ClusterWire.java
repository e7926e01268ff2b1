package io.skynetspring.core.cluster;

import io.skynetspring.core.service.Address;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoders for skynet's cluster frames (cluster-protocol.md sections 2-4). Every returned array is
 * one whole frame: u16 big-endian length, then the payload; u32 fields inside are little-endian.
 *
 * <pre>{@code
 * List<byte[]> frames = ClusterWire.request("@sdb", 3, false, body);   // 00 10 | 80 | 04 | "@sdb" | 03 00 00 00 | body
 * }</pre>
 */
final class ClusterWire {

    /** Part size of large messages. */
    static final int PART = 0x8000;

    static final int REQUEST = 0x00;
    static final int REQUEST_NAME = 0x80;
    static final int LARGE_CALL = 0x01;
    static final int LARGE_PUSH = 0x41;
    static final int LARGE_CALL_NAME = 0x81;
    static final int LARGE_PUSH_NAME = 0xC1;
    static final int PART_MORE = 0x02;
    static final int PART_LAST = 0x03;
    static final int TRACE = 0x04;

    static final int REPLY_ERROR = 0;
    static final int REPLY_OK = 1;
    static final int REPLY_LARGE = 2;
    static final int REPLY_PART = 3;
    static final int REPLY_LAST = 4;

    private ClusterWire() {
    }

    /**
     * A request's frames: one frame for a body under {@link #PART}, else a start frame and parts.
     * {@code target} is an {@code Integer} handle (0 = name query), an {@link Address} or a {@code String}
     * name (1..255 UTF-8 bytes, sent as it is: {@code "@x"}, {@code ".x"}, {@code ":hex"} or a global name).
     * {@code push} with a small body sends session 0 whatever {@code session} says; a call or a large push
     * needs a session of 1..0x7FFFFFFF.
     */
    static List<byte[]> request(Object target, int session, boolean push, byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("cluster request body is null (an empty body is new byte[0])");
        }
        int address = 0;
        String name = null;
        if (target instanceof Integer handle) {
            address = handle;
        } else if (target instanceof Address a) {
            address = a.handle();
        } else if (target instanceof String s) {
            name = s;
        } else {
            throw new IllegalArgumentException("cluster target must be an Integer handle, an Address or a String name, was "
                    + (target == null ? "null" : target.getClass().getName()));
        }
        // An ASCII name (the usual case) is written char by char; only others are encoded into an array first.
        byte[] utf8 = name == null || isAscii(name) ? null : name.getBytes(StandardCharsets.UTF_8);
        int nameLength = name == null ? 0 : utf8 == null ? name.length() : utf8.length;
        if (name != null && (nameLength < 1 || nameLength > 255)) {
            throw new IllegalArgumentException("cluster target name must be 1..255 bytes, \"" + shorten(name) + "\" is "
                    + nameLength);
        }
        boolean small = body.length < PART;
        if (!(small && push) && session <= 0) {
            throw new IllegalArgumentException((push ? "a large push" : "a call") + " needs a session of 1..0x7FFFFFFF, was "
                    + Integer.toUnsignedString(session));
        }
        if (small) {
            int wireSession = push ? 0 : session;
            byte[] frame;
            if (name == null) {
                frame = frame(9 + body.length, REQUEST);
                putU32(frame, 3, address);
                putU32(frame, 7, wireSession);
                System.arraycopy(body, 0, frame, 11, body.length);
            } else {
                frame = frame(6 + nameLength + body.length, REQUEST_NAME);
                putName(frame, 3, name, utf8, nameLength);
                putU32(frame, 4 + nameLength, wireSession);
                System.arraycopy(body, 0, frame, 8 + nameLength, body.length);
            }
            return List.of(frame);
        }
        List<byte[]> frames = new ArrayList<>(2 + body.length / PART);
        byte[] start;
        if (name == null) {
            start = frame(13, push ? LARGE_PUSH : LARGE_CALL);
            putU32(start, 3, address);
            putU32(start, 7, session);
            putU32(start, 11, body.length);
        } else {
            start = frame(10 + nameLength, push ? LARGE_PUSH_NAME : LARGE_CALL_NAME);
            putName(start, 3, name, utf8, nameLength);
            putU32(start, 4 + nameLength, session);
            putU32(start, 8 + nameLength, body.length);
        }
        frames.add(start);
        for (int from = 0; from < body.length; from += PART) {
            int size = Math.min(PART, body.length - from);
            byte[] part = frame(5 + size, from + size < body.length ? PART_MORE : PART_LAST);
            putU32(part, 3, session);
            System.arraycopy(body, from, part, 7, size);
            frames.add(part);
        }
        return frames;
    }

    /** A success reply's frames: one type-1 frame up to {@link #PART} bytes, else type 2, then 3..., 4. */
    static List<byte[]> response(int session, byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("cluster reply body is null (an empty reply is new byte[0])");
        }
        if (body.length <= PART) {
            return List.of(reply(session, REPLY_OK, body, 0, body.length));
        }
        List<byte[]> frames = new ArrayList<>(2 + body.length / PART);
        byte[] start = frame(9, 0);
        putU32(start, 2, session);
        start[6] = REPLY_LARGE;
        putU32(start, 7, body.length);
        frames.add(start);
        for (int from = 0; from < body.length; from += PART) {
            int size = Math.min(PART, body.length - from);
            frames.add(reply(session, from + size < body.length ? REPLY_PART : REPLY_LAST, body, from, size));
        }
        return frames;
    }

    /** An error reply (type 0): raw text bytes (UTF-8, not lua-seri), cut to {@link #PART}. */
    static byte[] error(int session, String text) {
        String head = text == null ? "" : text.length() > PART ? text.substring(0, PART + 1) : text;
        byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
        return reply(session, REPLY_ERROR, bytes, 0, Math.min(PART, bytes.length));
    }

    private static byte[] reply(int session, int type, byte[] data, int from, int size) {
        byte[] frame = frame(5 + size, 0);
        putU32(frame, 2, session);
        frame[6] = (byte) type;
        System.arraycopy(data, from, frame, 7, size);
        return frame;
    }

    /** A frame of {@code payload} bytes after the length, its first payload byte set to {@code first}. */
    private static byte[] frame(int payload, int first) {
        byte[] frame = new byte[2 + payload];
        frame[0] = (byte) (payload >>> 8);
        frame[1] = (byte) payload;
        frame[2] = (byte) first;
        return frame;
    }

    private static void putName(byte[] frame, int at, String name, byte[] utf8, int length) {
        frame[at] = (byte) length;
        if (utf8 != null) {
            System.arraycopy(utf8, 0, frame, at + 1, length);
        } else {
            for (int i = 0; i < length; i++) {
                frame[at + 1 + i] = (byte) name.charAt(i);
            }
        }
    }

    static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The bytes of one frame's payload as the frame decoder hands it over; the buffer is released. */
    static byte[] payload(Object msg) {
        io.netty.buffer.ByteBuf buf = (io.netty.buffer.ByteBuf) msg;
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}

package io.skynetspring.samples.gateway.bot;

import io.skynetspring.sproto.Field;
import io.skynetspring.sproto.FieldType;
import io.skynetspring.sproto.Sproto;
import io.skynetspring.sproto.SprotoException;
import io.skynetspring.sproto.SprotoType;
import io.skynetspring.sproto.ZeroPack;

/**
 * The game's move pushes ({@code player_move}, {@code player_moves}) read straight from their bytes: the
 * packet is 0-unpacked and only the header's {@code type} and {@code session} and each move's
 * {@code id, x, y} are read, with no Map built, for a client that hears a million moves a second (the
 * load generator). Any other packet is left to the sproto {@code Host}. Tags come from the schema.
 * One instance per connection (it keeps a little state between calls; not thread-safe).
 *
 * <pre>{@code if (!moves.read(packet, listener)) host.dispatch(packet);   // not a move push}</pre>
 */
final class MovePushes {

    /** Field tags below this are read from a struct; the ones this reader needs are 0..2 in the schema. */
    private static final int TAGS = 8;

    private final int typeTag;
    private final int sessionTag;
    private final int playerMove;
    private final int playerMoves;
    private final int movesTag;
    private final int idTag;
    private final int xTag;
    private final int yTag;
    private final int moveIdTag;
    private final int moveXTag;
    private final int moveYTag;
    private final int maxUnpacked;
    // the fields of the last struct walked: an inline value or a block (at, length) per tag below TAGS
    private final long[] inline = new long[TAGS];
    private final int[] blockAt = new int[TAGS];
    private final int[] blockLength = new int[TAGS];
    private int present;
    private int inlined;

    MovePushes(Sproto s2c) {
        SprotoType header = s2c.type("package");
        this.typeTag = integerTag(header, "type");
        this.sessionTag = integerTag(header, "session");
        this.playerMove = s2c.protocol("player_move").tag();
        this.playerMoves = s2c.protocol("player_moves").tag();
        SprotoType one = s2c.protocol("player_move").request();
        this.idTag = integerTag(one, "id");
        this.xTag = integerTag(one, "x");
        this.yTag = integerTag(one, "y");
        Field moves = s2c.protocol("player_moves").request().field("moves");
        if (moves == null || !moves.isArray() || moves.isMap() || moves.type() != FieldType.STRUCT
                || moves.tag() >= TAGS) {
            throw new IllegalStateException("player_moves needs moves 0 : *move, has " + moves);
        }
        this.movesTag = moves.tag();
        this.moveIdTag = integerTag(moves.struct(), "id");
        this.moveXTag = integerTag(moves.struct(), "x");
        this.moveYTag = integerTag(moves.struct(), "y");
        this.maxUnpacked = s2c.limits().maxMessageBytes();
    }

    /**
     * Hands each move of a {@code player_move} or {@code player_moves} push to {@code listener} (a batch
     * in order, as it is read) and returns true; returns false, having called nothing, for any other packet.
     *
     * @throws SprotoException for a move push that is malformed (moves before the fault have been handed on)
     */
    boolean read(byte[] packet, BotListener listener) {
        byte[] raw = ZeroPack.unpack(packet, maxUnpacked);
        int body = struct(raw, 0, raw.length);
        if (!has(typeTag) || has(sessionTag)) {
            return false;
        }
        long type = integer(raw, typeTag);
        if (type == playerMove) {
            struct(raw, body, raw.length);
            listener.playerMove(required(raw, idTag, "id"), required(raw, xTag, "x"), required(raw, yTag, "y"));
            return true;
        }
        if (type != playerMoves) {
            return false;
        }
        struct(raw, body, raw.length);
        if (!has(movesTag) || isInline(movesTag)) {
            throw new SprotoException("player_moves without its moves array");
        }
        int at = blockAt[movesTag];
        int end = at + blockLength[movesTag];
        while (at < end) {
            if (end - at < 4) {
                throw new SprotoException("player_moves: an element's length is cut off at byte " + at);
            }
            int length = u32(raw, at);
            at += 4;
            if (length < 0 || length > end - at) {
                throw new SprotoException("player_moves: an element of " + length + " bytes past the array's end");
            }
            if (struct(raw, at, at + length) != at + length) {
                throw new SprotoException("player_moves: an element does not fill its " + length + " bytes");
            }
            listener.playerMove(required(raw, moveIdTag, "id"), required(raw, moveXTag, "x"),
                    required(raw, moveYTag, "y"));
            at += length;
        }
        return true;
    }

    /** Walks the struct at {@code [at, end)}, noting its fields below {@link #TAGS}; returns where it ends. */
    private int struct(byte[] b, int at, int end) {
        present = 0;
        inlined = 0;
        if (end - at < 2) {
            throw new SprotoException("a struct needs 2 bytes at byte " + at);
        }
        int n = u16(b, at);
        int entries = at + 2;
        int data = entries + 2 * n;
        if (data > end) {
            throw new SprotoException("a struct of " + n + " fields is cut off at byte " + at);
        }
        int tag = -1;
        for (int i = 0; i < n; i++) {
            int e = u16(b, entries + 2 * i);
            tag++;
            if ((e & 1) != 0) {
                tag += e >> 1;
                continue;
            }
            if (e != 0) {
                if (tag < TAGS) {
                    inline[tag] = (e >> 1) - 1;
                    present |= 1 << tag;
                    inlined |= 1 << tag;
                }
                continue;
            }
            if (end - data < 4) {
                throw new SprotoException("a data block's length is cut off at byte " + data);
            }
            int length = u32(b, data);
            if (length < 0 || length > end - data - 4) {
                throw new SprotoException("a data block of " + length + " bytes at byte " + data + " runs past the end");
            }
            if (tag < TAGS) {
                blockAt[tag] = data + 4;
                blockLength[tag] = length;
                present |= 1 << tag;
            }
            data += 4 + length;
        }
        return data;
    }

    private boolean has(int tag) {
        return (present & 1 << tag) != 0;
    }

    private boolean isInline(int tag) {
        return (inlined & 1 << tag) != 0;
    }

    private long required(byte[] b, int tag, String name) {
        if (!has(tag)) {
            throw new SprotoException("a move without its " + name);
        }
        return integer(b, tag);
    }

    /** An integer field of the last struct walked, inline or in a 4- or 8-byte block. */
    private long integer(byte[] b, int tag) {
        if (isInline(tag)) {
            return inline[tag];
        }
        int at = blockAt[tag];
        return switch (blockLength[tag]) {
            case 4 -> u32(b, at);
            case 8 -> (u32(b, at) & 0xFFFFFFFFL) | (long) u32(b, at + 4) << 32;
            default -> throw new SprotoException("an integer in a block of " + blockLength[tag] + " bytes");
        };
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static int integerTag(SprotoType type, String name) {
        Field f = type.field(name);
        if (f == null || f.type() != FieldType.INTEGER || f.isArray() || f.tag() >= TAGS) {
            throw new IllegalStateException(type.name() + " needs an integer field " + name + " with a tag below "
                    + TAGS + ", has " + f);
        }
        return f.tag();
    }
}

package io.skynetspring.sproto;

/**
 * What decoding untrusted bytes may cost: caps checked before anything is allocated from the bytes,
 * each failing with a {@link SprotoException} that names it. Every {@link Sproto} carries limits
 * ({@link #DEFAULT} unless {@link Sproto#withLimits} says otherwise); its hosts use the same.
 *
 * <ul>
 *   <li>{@code maxPacketBytes}: a 0-packed packet given to {@link Host#dispatch(byte[])} or
 *       {@link Sproto#pdecode}; 64 KiB by default, a little over the largest netpack frame (65,535 bytes).</li>
 *   <li>{@code maxMessageBytes}: a message before packing, as {@code unpack} would make it and
 *       {@code decode} reads it; 512 KiB by default, the most 64 KiB can unpack to (0-packing
 *       expands at most 8 times).</li>
 *   <li>{@code maxValues}: decoded values in one message, counting each struct, field value, array
 *       element and map entry; 65,536 by default. A value costs up to about 120 bytes of heap
 *       (a list of one-field structs, each a {@code LinkedHashMap}), so a message decodes to about
 *       8 MiB at most.</li>
 * </ul>
 *
 * <pre>{@code Sproto sp = Sproto.parse(schema).withLimits(SprotoLimits.DEFAULT.withMaxPacketBytes(1 << 20));}</pre>
 */
public record SprotoLimits(int maxPacketBytes, int maxMessageBytes, int maxValues) {

    public static final int DEFAULT_MAX_PACKET_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * DEFAULT_MAX_PACKET_BYTES;
    public static final int DEFAULT_MAX_VALUES = 64 * 1024;

    /** The limits of {@link Sproto#parse}: 64 KiB packets, 512 KiB messages, 65,536 values. */
    public static final SprotoLimits DEFAULT =
            new SprotoLimits(DEFAULT_MAX_PACKET_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_VALUES);

    /** No caps beyond what a Java array can hold: only for bytes from a trusted source. */
    public static final SprotoLimits NONE = new SprotoLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public SprotoLimits {
        if (maxPacketBytes < 1 || maxMessageBytes < 1 || maxValues < 1) {
            throw new IllegalArgumentException("sproto limits must be positive: " + maxPacketBytes + ", "
                    + maxMessageBytes + ", " + maxValues);
        }
    }

    public SprotoLimits withMaxPacketBytes(int bytes) {
        return new SprotoLimits(bytes, maxMessageBytes, maxValues);
    }

    public SprotoLimits withMaxMessageBytes(int bytes) {
        return new SprotoLimits(maxPacketBytes, bytes, maxValues);
    }

    public SprotoLimits withMaxValues(int values) {
        return new SprotoLimits(maxPacketBytes, maxMessageBytes, values);
    }

    /** Refuses a packet over {@code maxPacketBytes} before it is unpacked. */
    void checkPacket(int length) {
        if (length > maxPacketBytes) {
            throw new SprotoException("packet of " + length + " bytes is over the limit of " + maxPacketBytes
                    + " bytes (SprotoLimits.maxPacketBytes); raise it with Sproto.withLimits if such packets are expected");
        }
    }

    /** Refuses a message over {@code maxMessageBytes} before it is decoded. */
    void checkMessage(int length) {
        if (length > maxMessageBytes) {
            throw new SprotoException("message of " + length + " bytes is over the limit of " + maxMessageBytes
                    + " bytes (SprotoLimits.maxMessageBytes); raise it with Sproto.withLimits if such messages are expected");
        }
    }
}

package io.skynetspring.core.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The large messages being joined on one connection, by session (skynet's {@code large_request}):
 * parts of other messages may come between, parts of one message keep their order. A message holds
 * only what has arrived (its array grows by doubling, never past the announced size), so a peer that
 * announces big messages and sends little costs little; at most {@code maxPending} messages of at
 * most {@code maxMessage} bytes each are held at once.
 *
 * @param <H> what the start frame said besides the size (a request's target), kept for the last part
 */
final class LargeMessages<H> {

    static final byte[] EMPTY = new byte[0];

    private final String side;
    private final int maxMessage;
    private final int maxPending;
    private final Map<Integer, Joining<H>> bySession = new HashMap<>();
    private long pendingBytes;

    /** @param side "request" or "reply", for the messages of the exceptions */
    LargeMessages(String side, int maxMessage, int maxPending) {
        if (maxMessage <= 0 || maxPending <= 0) {
            throw new IllegalArgumentException("maxMessage and maxPending must be positive, were " + maxMessage + " and "
                    + maxPending);
        }
        this.side = side;
        this.maxMessage = maxMessage;
        this.maxPending = maxPending;
    }

    /** A start frame: announces {@code size} bytes for {@code session}. */
    void start(int session, long size, H head) {
        if (size > maxMessage) {
            throw new ClusterFrameException("large " + side + " of session " + Integer.toUnsignedString(session)
                    + " announces " + size + " bytes, over the limit of " + maxMessage + " (maxMessage)");
        }
        if (bySession.containsKey(session)) {
            throw new ClusterFrameException("second start frame for session " + Integer.toUnsignedString(session)
                    + ", whose large " + side + " is still being joined");
        }
        if (bySession.size() >= maxPending) {
            throw new ClusterFrameException("more than " + maxPending + " large " + side + " messages being joined at once"
                    + " (start frame of session " + Integer.toUnsignedString(session) + ")");
        }
        bySession.put(session, new Joining<>(head, (int) size));
    }

    /** A middle part: {@code payload} from {@code from} on is body data of {@code session}. */
    void part(int session, byte[] payload, int from, String frameType) {
        append(joining(session, frameType), payload, from);
    }

    /** The last part: appends it and hands the message back, no longer held. */
    Joining<H> last(int session, byte[] payload, int from, String frameType) {
        Joining<H> message = joining(session, frameType);
        append(message, payload, from);
        bySession.remove(session);
        pendingBytes -= message.received;
        return message;
    }

    /** Body bytes held for messages not yet complete. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** How many messages are being joined. */
    int pending() {
        return bySession.size();
    }

    private Joining<H> joining(int session, String frameType) {
        Joining<H> message = bySession.get(session);
        if (message == null) {
            throw new ClusterFrameException(side + " part (" + frameType + ") for session "
                    + Integer.toUnsignedString(session) + ", which has no start frame");
        }
        return message;
    }

    private void append(Joining<H> message, byte[] payload, int from) {
        int n = payload.length - from;
        if (message.overrun || n == 0) {
            return;
        }
        if (n > message.size - message.received) {
            // It can only end as an invalid message now: drop what it holds and ignore its later parts.
            pendingBytes -= message.received;
            message.overrun = true;
            message.received = 0;
            message.data = EMPTY;
            return;
        }
        int needed = message.received + n;
        if (needed > message.data.length) {
            long doubled = Math.max((long) message.data.length * 2, needed);
            message.data = Arrays.copyOf(message.data, (int) Math.min(message.size, doubled));
        }
        System.arraycopy(payload, from, message.data, message.received, n);
        message.received = needed;
        pendingBytes += n;
    }

    /** One message being joined. */
    static final class Joining<H> {
        final H head;
        final int size;
        byte[] data = EMPTY;
        int received;
        boolean overrun;

        Joining(H head, int size) {
            this.head = head;
            this.size = size;
        }

        /** The joined body, or null when the parts did not add up to the announced size. */
        byte[] body() {
            // The array never grows past the announced size, so a complete message fills it exactly.
            return overrun || received != size ? null : data;
        }
    }
}

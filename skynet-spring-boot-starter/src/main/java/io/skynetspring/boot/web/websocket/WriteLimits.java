package io.skynetspring.boot.web.websocket;

import io.skynetspring.core.socket.SlowPeer;

import java.time.Duration;
import java.util.Objects;

/**
 * The bound on what one WebSocket connection may hold unsent (queued frames plus the socket's
 * outbound buffer), and what happens to a peer that stays past it. A write is accepted while the
 * connection is below {@code highWater}; past it writes are refused until the unsent bytes have
 * fallen to {@code lowWater}. So one connection never holds much more than {@code highWater}
 * plus one frame. {@link SlowPeer} is the TCP sockets' policy: {@code CLOSE}, {@code REFUSE}, or
 * {@code DROP} (the write answers true and the frame is discarded, counted as {@code ws.write.dropped}).
 *
 * <pre>{@code new WriteLimits(1 << 20, 256 << 10, SlowPeer.CLOSE, Duration.ofSeconds(10))}</pre>
 */
public record WriteLimits(long highWater, long lowWater, SlowPeer slowPeer, Duration slowCloseAfter) {

    /** 1 MiB high, 256 KiB low, a slow peer closed after 10 s above the low mark. */
    public static final WriteLimits DEFAULT = new WriteLimits(1 << 20, 256 << 10, SlowPeer.CLOSE, Duration.ofSeconds(10));

    public WriteLimits {
        Objects.requireNonNull(slowPeer, "slowPeer");
        Objects.requireNonNull(slowCloseAfter, "slowCloseAfter");
        if (highWater < 1 || lowWater < 0 || lowWater > highWater) {
            throw new IllegalArgumentException("websocket write marks need 0 <= low-water <= high-water and high-water >= 1 byte; were low "
                    + lowWater + ", high " + highWater);
        }
        if (slowCloseAfter.isNegative()) {
            throw new IllegalArgumentException("slow-close-after must not be negative, was " + slowCloseAfter);
        }
    }
}

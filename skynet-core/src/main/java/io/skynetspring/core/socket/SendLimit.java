package io.skynetspring.core.socket;

import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The high and low marks of one connection's unsent bytes and its {@link SlowPeer} policy. Writers
 * ask {@link #admit} from any service thread before queueing; past the high mark nothing is queued
 * until the unsent bytes are below the low mark again (an "episode"). Under {@link SlowPeer#CLOSE}
 * the connection's event loop checks once, {@code slowTime} after the episode began, and shuts the
 * peer if the episode is still on; a write that finds the bytes below the low mark ends it, and
 * between writes unsent bytes only shrink, so an episode still on at the check never dipped below.
 */
final class SendLimit {

    static final int QUEUE = 0;
    static final int REFUSED = 1;
    static final int DROPPED = 2;

    static final String REFUSED_KIND = "socket.write.refused";
    static final String DROPPED_KIND = "socket.write.dropped";
    static final String CLOSED_KIND = "socket.closed.slow";

    private final TcpSocket socket;
    private final long high;
    private final long low;
    private final SlowPeer policy;
    private final Duration slowTime;
    private final IncidentLog incidents;
    private volatile boolean over;
    /** Counts episodes, so a check scheduled for an ended one does nothing; guarded by this. */
    private long episode;
    /** Whether the current episode's first refusal or drop has been logged; guarded by this. */
    private boolean announced;

    SendLimit(TcpSocket socket, long high, long low, SlowPeer policy, Duration slowTime, IncidentLog incidents) {
        this.socket = socket;
        this.high = high;
        this.low = low;
        this.policy = policy;
        this.slowTime = slowTime;
        this.incidents = incidents;
    }

    /** {@link #QUEUE} the write, or it was {@link #REFUSED} or {@link #DROPPED}: counted, the first of an episode logged. */
    int admit(long unsent) {
        if (!over) {
            if (unsent < high) {
                return QUEUE;
            }
            begin();
        } else if (unsent < low) {
            synchronized (this) {
                over = false;
            }
            return QUEUE;
        }
        return refuse(unsent);
    }

    private void begin() {
        long mine;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            announced = false;
            mine = ++episode;
        }
        if (policy == SlowPeer.CLOSE) {
            try {
                socket.channel.eventLoop().schedule(() -> check(mine), slowTime.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopped) {
                SocketDriver.LOG.debug("{}: event loop stopped, no slow-peer check", socket);
            }
        }
    }

    private int refuse(long unsent) {
        boolean drop = policy == SlowPeer.DROP;
        String kind = drop ? DROPPED_KIND : REFUSED_KIND;
        boolean first;
        synchronized (this) {
            first = !announced && policy != SlowPeer.CLOSE;   // under CLOSE the close is the one line
            announced = true;
        }
        if (first) {
            incidents.warn(kind, owner(), "{}: {} KiB unsent, past the high mark of {} KiB: {} writes until it is "
                    + "below {} KiB (the peer reads too slowly; policy {})", socket, kib(unsent), kib(high),
                    drop ? "dropping" : "refusing", kib(low), policy);
        } else {
            incidents.record(kind);
        }
        return drop ? DROPPED : REFUSED;
    }

    /** On the event loop, {@code slowTime} after episode {@code which} began. */
    private void check(long which) {
        long unsent = socket.unsent();
        synchronized (this) {
            if (!over || episode != which) {
                return;
            }
            if (unsent < low) {
                over = false;
                return;
            }
        }
        if (!socket.isOpen()) {
            return;
        }
        incidents.warn(CLOSED_KIND, owner(), "{}: {} KiB unsent, above {} KiB for {} ms since passing the high mark "
                + "of {} KiB; closed as a slow peer (unsent data dropped)", socket, kib(unsent), kib(low),
                slowTime.toMillis(), kib(high));
        socket.forceClose();
    }

    /** On the event loop once a graceful close began: a peer that has not taken the rest within the slow time is shut. */
    void closeWithin() {
        try {
            socket.channel.eventLoop().schedule(() -> {
                if (!socket.channel.isOpen()) {
                    return;
                }
                incidents.warn(CLOSED_KIND, owner(), "{}: {} KiB still unsent {} ms after close; closed as a slow "
                        + "peer (unsent data dropped)", socket, kib(socket.unsent()), slowTime.toMillis());
                socket.forceClose();
            }, slowTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            SocketDriver.LOG.debug("{}: event loop stopped, no check of the close", socket);
        }
    }

    private Address owner() {
        Sockets h = socket.holder();
        return h == null ? Address.NONE : h.self();
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}

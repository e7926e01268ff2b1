package io.skynetspring.boot.web.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.SlowPeer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Admits writes to one WebSocket connection by its {@link WriteLimits}. Unsent bytes are the frames
 * queued here and not yet taken by Reactor Netty, plus the channel's outbound buffer: Reactor Netty
 * writes whatever it takes into that buffer whether or not the socket can send it, so the two
 * together are what a peer that does not read makes us hold.
 */
final class WriteGate {

    static final String REFUSED = "ws.write.refused";
    static final String CLOSED_SLOW = "ws.closed.slow";
    static final String DROPPED = "ws.write.dropped";

    private final WriteLimits limits;
    private final IncidentLog incidents;
    private final Address service;
    private final String label;
    private final Runnable closeSlow;
    private final AtomicLong queued = new AtomicLong();
    private volatile Channel channel;
    private boolean congested;
    private Disposable timer;
    private boolean stopped;

    /** {@code closeSlow} cuts the connection off; it runs at most once, under the {@link SlowPeer#CLOSE} policy. */
    WriteGate(WriteLimits limits, IncidentLog incidents, Address service, String label, Runnable closeSlow) {
        this.limits = limits;
        this.incidents = incidents;
        this.service = service == null ? Address.NONE : service;
        this.label = label;
        this.closeSlow = closeSlow;
    }

    /** The socket whose outbound buffer counts as unsent; without one only the queue counts. */
    void channel(Channel channel) {
        this.channel = channel;
    }

    /** True if {@code bytes} more may be queued now (and counts them); false, counted (the first of an episode logged), if not. */
    boolean admit(int bytes) {
        long unsent;
        boolean first;
        synchronized (this) {
            unsent = unsent();
            if (congested && unsent <= limits.lowWater()) {
                congested = false;
                cancelTimer();
            }
            if (!congested && unsent <= limits.highWater()) {
                queued.addAndGet(bytes);
                return true;
            }
            first = !congested;
            if (first) {
                congested = true;
                armTimer();
            }
        }
        String kind = dropping() ? DROPPED : REFUSED;
        if (first) {
            // one line per episode, as the TCP sockets do; the rest of a flood is only counted
            incidents.warn(kind, service, "{}: write of {} bytes {}, {} bytes unsent (high-water {}); the peer is not reading",
                    label, bytes, dropping() ? "dropped" : "refused", unsent, limits.highWater());
        } else {
            incidents.record(kind);
        }
        return false;
    }

    /** Under {@link SlowPeer#DROP} a write that {@link #admit} turned away still answers true: it was dropped. */
    boolean dropping() {
        return limits.slowPeer() == SlowPeer.DROP;
    }

    /**
     * The queue as Reactor Netty should take it: delivered on the channel's event loop, where Reactor
     * Netty writes what it receives into the outbound buffer at once, so a frame leaves the count
     * of the queue in the same task that adds it to the buffer's (Reactor Netty prefetches up to 128
     * frames, which would otherwise be counted nowhere). Frames waiting in publishOn's own queue
     * are still counted as queued.
     */
    <T> Flux<T> handOver(Flux<T> queue, ToIntFunction<T> size) {
        Channel c = channel;
        Flux<T> onLoop = c == null ? queue : queue.publishOn(Schedulers.fromExecutor(c.eventLoop()));
        return onLoop.doOnNext(item -> taken(size.applyAsInt(item)));
    }

    /** {@code bytes} of the queue were handed over, or never made it into it. */
    void taken(int bytes) {
        queued.addAndGet(-bytes);
    }

    /** Bytes written and not yet handed to the socket. */
    long unsent() {
        return Math.max(0, queued.get()) + channelPending();
    }

    synchronized void stop() {
        stopped = true;
        cancelTimer();
    }

    private long channelPending() {
        Channel c = channel;
        if (c == null) {
            return 0;
        }
        ChannelOutboundBuffer buffer = c.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void armTimer() {
        if (limits.slowPeer() == SlowPeer.CLOSE && !stopped && timer == null) {
            timer = Schedulers.parallel().schedule(this::check, limits.slowCloseAfter().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.dispose();
            timer = null;
        }
    }

    private void check() {
        long unsent;
        synchronized (this) {
            timer = null;
            if (stopped || !congested) {
                return;
            }
            unsent = unsent();
            if (unsent <= limits.lowWater()) {
                congested = false;
                return;
            }
            stopped = true;
        }
        incidents.warn(CLOSED_SLOW, service, "{}: closed 1008, {} bytes still unsent {} ms after passing the high-water mark {}",
                label, unsent, limits.slowCloseAfter().toMillis(), limits.highWater());
        closeSlow.run();
    }
}

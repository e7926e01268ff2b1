package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The inbound deadlines of one connection, kept on its event loop: a message whose first bytes
 * arrived must be finished within the stall timeout, and a connection being read must hear
 * something within the idle timeout. Either way it is closed, counted and logged at a limited rate.
 *
 * <p>A message is unfinished while bytes are buffered that do not complete what is waited for (a
 * frame, a line, a {@code read(n)}). Its clock starts when someone first waits for its rest — the
 * gate at its first byte; a {@link Connection} when a {@code read(n)}/{@code readLine} is pending,
 * since bytes nobody asked for cannot be told incomplete — and stops when a message completes or
 * the buffer empties. A read that gives up and is asked again does not restart it, so a dribbling
 * peer is cut even under a service that retries {@code readLine(timeout)}.
 *
 * <p>One check per connection is scheduled on the event loop at the earliest deadline; bytes that
 * arrive do not reschedule it: when it fires it looks again and schedules the next one.
 */
final class InboundWatch implements Runnable {

    private final TcpSocket socket;
    /** Incident kinds are {@code <side>.closed.stalled} and {@code <side>.closed.idle}. */
    private final String side;
    private final String message;
    private final String stallSetting;
    private final String idleSetting;
    private final long stallNanos;
    private final long idleNanos;
    private final Consumer<SocketException> expire;

    /** Someone waits for the rest of buffered bytes. */
    private boolean judged;
    /** The unfinished message's clock runs, since {@link #since}. */
    private boolean clocked;
    private long since;
    private boolean listening;
    private long lastHeard;
    private ScheduledFuture<?> check;
    private long checkAt;
    private boolean stopped;

    private InboundWatch(TcpSocket socket, String side, String message, String stallSetting, String idleSetting,
                         Duration stall, Duration idle, Consumer<SocketException> expire) {
        this.socket = socket;
        this.side = side;
        this.message = message;
        this.stallSetting = stallSetting;
        this.idleSetting = idleSetting;
        this.stallNanos = stall.toNanos();
        this.idleNanos = idle.toNanos();
        this.expire = expire;
    }

    /** For a connection read through {@link Connection}; {@code expire} fails its reads and closes it. */
    static InboundWatch stream(TcpSocket socket, SocketOptions options, Consumer<SocketException> expire) {
        return new InboundWatch(socket, "socket", "message", "SocketOptions.stallTimeout",
                "SocketOptions.idleTimeout", options.stallTimeout(), options.idleTimeout(), expire);
    }

    /** For a gate's client, with the gate's timeouts. */
    static InboundWatch gate(TcpSocket socket, Duration stall, Duration idle, Consumer<SocketException> expire) {
        return new InboundWatch(socket, "gate", "frame", "gate conf.stalltimeout", "gate conf.idletimeout",
                stall, idle, expire);
    }

    /** Bytes arrived. */
    void heard() {
        if (idleNanos > 0) {
            lastHeard = System.nanoTime();
        }
    }

    /**
     * Where the message being received stands after bytes arrived or a read was asked, served,
     * withdrawn: {@code buffered} bytes wait, {@code completed} says a message was finished in
     * this step (what is left begins the next one), {@code waiting} that someone wants the rest.
     */
    void progress(int buffered, boolean completed, boolean waiting) {
        if (stallNanos == 0) {
            return;
        }
        if (buffered == 0 || completed) {
            clocked = false;   // what is left, if anything, is a new message nobody has waited on yet
        }
        judged = waiting && buffered > 0;
        if (judged && !clocked) {
            clocked = true;
            since = System.nanoTime();
        }
        arm();
    }

    /** Reading was turned on or off (the idle clock runs only while the connection is read). */
    void listening(boolean on) {
        if (idleNanos == 0 || listening == on) {
            return;
        }
        listening = on;
        if (on) {
            lastHeard = System.nanoTime();
            arm();
        }
    }

    /** The connection closed: no more checks. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> c = check;
        check = null;
        if (c != null) {
            c.cancel(false);
        }
    }

    @Override
    public void run() {
        check = null;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        if (stallDue() && now - since >= stallNanos) {
            close("stalled", "the peer began a " + message + " and did not finish it within "
                    + millis(stallNanos) + " ms (" + stallSetting + ")");
        } else if (idleDue() && now - lastHeard >= idleNanos) {
            close("idle", "no bytes from the peer for " + millis(idleNanos) + " ms (" + idleSetting + ")");
        } else {
            arm();
        }
    }

    private boolean stallDue() {
        return stallNanos > 0 && judged;
    }

    private boolean idleDue() {
        return idleNanos > 0 && listening;
    }

    /** Makes sure a check runs by the earliest deadline; a check already due sooner is kept. */
    private void arm() {
        if (stopped) {
            return;
        }
        long at = Long.MAX_VALUE;
        if (stallDue()) {
            at = since + stallNanos;
        }
        if (idleDue()) {
            at = Math.min(at, lastHeard + idleNanos);
        }
        if (at == Long.MAX_VALUE || (check != null && checkAt - at <= 0)) {
            return;
        }
        if (check != null) {
            check.cancel(false);
        }
        checkAt = at;
        try {
            check = socket.channel.eventLoop().schedule(this, Math.max(0, at - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            check = null;   // the event loop is stopping; the connection goes with it
        }
    }

    private void close(String why, String reason) {
        stopped = true;
        Sockets holder = socket.holder();
        Address service = holder == null ? Address.NONE : holder.self();
        String kind = side + ".closed." + why;
        if (holder != null) {
            holder.context().incidents().warn(kind, service, "{} closed: {}", socket, reason);
        } else {
            SocketDriver.LOG.warn("{} closed: {}", socket, reason);
        }
        expire.accept(new SocketException(socket + " of service " + service + " closed: " + reason));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}

package io.skynetspring.core.socket;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;

import java.time.Duration;
import java.util.Map;

/**
 * The gate's {@code open(conf)} table: {@code address} (default {@code 0.0.0.0}), {@code port},
 * {@code maxclient} (1024), {@code nodelay} (true), {@code backlog}, {@code watchdog} (default:
 * the sender of {@code open}), {@code header} (2, or 4 as skynet's C gate), {@code maxframe}
 * (65535 with a 2-byte header, 16 MiB - 1 with 4), {@code maxline} (line gates, 64 KiB),
 * {@code stalltimeout} and {@code idletimeout} (0 turns one off; absent: the driver's
 * {@link SocketOptions#stallTimeout()} and {@link SocketOptions#idleTimeout()}, so null here means
 * "the driver's"). Per client unsent bytes: {@code sendhigh} and {@code sendlow} (bytes),
 * {@code slowpeer} ({@code "close"}, {@code "refuse"} or {@code "drop"}) and {@code slowtime}, by
 * default the driver's {@link SocketOptions} (4 MiB, 1 MiB, close, 5 s). Times are centiseconds, as
 * skynet counts time, or a {@link Duration}.
 */
record GateConf(String address, int port, int maxclient, boolean nodelay, int backlog, Address watchdog,
                int header, int maxframe, int maxline, Duration stallTimeout, Duration idleTimeout, int sendhigh,
                int sendlow, SlowPeer slowpeer, Duration slowtime) {

    /** {@code defaults} gives the send limits the conf leaves out (the gate's socket driver's). */
    static GateConf parse(Map<?, ?> conf, ServiceContext ctx, SocketOptions defaults) {
        String address = text(conf.get("address"), "0.0.0.0");
        Object port = conf.get("port");
        if (port == null) {
            throw new IllegalArgumentException("gate open: conf.port is required");
        }
        int header = number(conf.get("header"), 2);
        if (header != 2 && header != 4) {
            throw new IllegalArgumentException("gate open: conf.header must be 2 or 4, was " + header);
        }
        int widest = header == 2 ? 0xFFFF : 0xFFFFFF;
        int maxframe = number(conf.get("maxframe"), widest);
        if (maxframe < 1 || maxframe > widest) {
            throw new IllegalArgumentException("gate open: conf.maxframe must be 1.." + widest + ", was " + maxframe);
        }
        int maxclient = number(conf.get("maxclient"), 1024);
        if (maxclient < 1) {
            throw new IllegalArgumentException("gate open: conf.maxclient must be positive, was " + maxclient);
        }
        int sendhigh = number(conf.get("sendhigh"), defaults.sendHigh());
        // a high mark below the default low one keeps a quarter of it as the low mark, so there is still a gap
        int sendlow = number(conf.get("sendlow"), sendhigh > defaults.sendLow() ? defaults.sendLow() : sendhigh / 4);
        if (sendhigh < 1 || sendlow < 0 || sendlow > sendhigh) {
            throw new IllegalArgumentException("gate open: conf.sendhigh must be positive and conf.sendlow "
                    + "0..sendhigh, was " + sendhigh + " and " + sendlow);
        }
        Duration slowtime = duration(conf.get("slowtime"), "slowtime");
        if (slowtime == null) {
            slowtime = defaults.slowTime();
        } else if (slowtime.isZero()) {
            throw new IllegalArgumentException("gate open: conf.slowtime must be positive (centiseconds or a "
                    + "Duration), was " + conf.get("slowtime"));
        }
        Object nodelay = conf.get("nodelay");
        return new GateConf(address, number(port, 0), maxclient, nodelay == null || Boolean.TRUE.equals(nodelay)
                || "true".equals(nodelay), number(conf.get("backlog"), 0), watchdog(conf.get("watchdog"), ctx), header,
                maxframe, number(conf.get("maxline"), 64 * 1024), duration(conf.get("stalltimeout"), "stalltimeout"),
                duration(conf.get("idletimeout"), "idletimeout"), sendhigh, sendlow,
                slowPeer(conf.get("slowpeer"), defaults.slowPeer()), slowtime);
    }

    /** This gate's stall timeout: its own, else the driver's. */
    Duration stallTimeout(SocketOptions driver) {
        return stallTimeout != null ? stallTimeout : driver.stallTimeout();
    }

    /** This gate's idle timeout: its own, else the driver's. */
    Duration idleTimeout(SocketOptions driver) {
        return idleTimeout != null ? idleTimeout : driver.idleTimeout();
    }

    private static SlowPeer slowPeer(Object v, SlowPeer fallback) {
        if (v == null) {
            return fallback;
        }
        for (SlowPeer p : SlowPeer.values()) {
            if (p.name().equalsIgnoreCase(v.toString())) {
                return p;
            }
        }
        throw new IllegalArgumentException("gate open: conf.slowpeer must be \"close\", \"refuse\" or \"drop\", was "
                + v);
    }

    private static Address watchdog(Object w, ServiceContext ctx) {
        if (w instanceof Address a) {
            return a;
        }
        if (w instanceof String name) {
            return ctx.resolve(name).orElseThrow(
                    () -> new IllegalArgumentException("gate open: no watchdog service named " + name));
        }
        Address source = ctx.source();
        return source.isNone() ? null : source;
    }

    /** A {@link Duration}, or a number of centiseconds (skynet's unit of time); null when absent. */
    private static Duration duration(Object v, String key) {
        if (v == null) {
            return null;
        }
        Duration d = v instanceof Duration given ? given : Duration.ofMillis(10L * LuaValues.convert(v, Long.class));
        if (d.isNegative()) {
            throw new IllegalArgumentException("gate open: conf." + key + " must be 0 (off) or more, was " + v);
        }
        return d;
    }

    private static int number(Object v, int fallback) {
        return v == null ? fallback : LuaValues.convert(v, Integer.class);
    }

    private static String text(Object v, String fallback) {
        return v == null ? fallback : v.toString();
    }
}

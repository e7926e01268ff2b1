package io.skynetspring.core.socket;

import io.skynetspring.core.service.ServiceTemplate;

/**
 * skynet's gate as a service template: it listens, cuts each client's stream into frames of
 * netpack's 2-byte big-endian length (or lines) and sends them on as messages, so game code never
 * touches a socket for reading.
 *
 * <p>Commands: {@code open(conf)} → {@code [address, port]} (see the conf keys below),
 * {@code forward(fd [, agent])} or {@code forward(fd, client, agent)}, {@code accept(fd)},
 * {@code kick(fd)}, {@code close()}. A new client is not read until {@code forward} or
 * {@code accept}. The watchdog ({@code conf.watchdog}, default: whoever sent {@code open}) gets
 * {@code "socket"} messages: {@code ("open", fd, "ip:port")}, {@code ("data", fd, payload)},
 * {@code ("close", fd)}, {@code ("error", fd, message)} (at most one per client, before its close;
 * none when the gate closed it), {@code ("warning", fd, kib)}. {@code forward} and {@code accept}
 * answer true, or false when the client has already left (counted as {@code gate.forward.gone}).
 * Past {@code sendhigh} unsent bytes a client's writes are refused and, by default, the client is
 * closed after {@code slowtime} (see {@link SlowPeer}); a refusal at {@code maxclient} is counted
 * as {@code gate.refused}. Refusals and closes are logged at a limited rate. A forwarded
 * client's frames reach its agent as {@code "client"} messages {@code (fd, payload)} with the gate
 * as source (the core cannot forge another source). Payloads are {@code byte[]} ({@code String}
 * for a line gate). The agent answers by writing to the connection id:
 * {@code Sockets.of(ctx).write(fd, payload)} — the gate adds the length header (a
 * line gate writes bytes as they are). A bad frame closes that client, logged with the gate's
 * address; the gate keeps running.
 *
 * <p>conf keys: {@code address} ({@code 0.0.0.0}), {@code port}, {@code maxclient} (1024; at most
 * {@code maxclient - 1} clients at once, as in skynet), {@code nodelay} (true), {@code backlog},
 * {@code watchdog}, {@code header} (2, or 4 like skynet's C gate), {@code maxframe} (65535, or
 * 16 MiB - 1 with a 4-byte header; lower it to refuse big frames), {@code maxline} (64 KiB),
 * {@code stalltimeout} (a frame whose first bytes came must be complete within it, else the client
 * is closed; the driver's {@code SocketOptions.stallTimeout}, 30 s, unless given) and
 * {@code idletimeout} (a forwarded or accepted client that sends nothing for it is closed; the
 * driver's {@code SocketOptions.idleTimeout}, off, unless given), both in centiseconds as skynet
 * counts time, or a {@code Duration}; 0 turns one off. Such closes reach the watchdog as
 * {@code close} and are counted as {@code gate.closed.stalled} / {@code gate.closed.idle};
 * {@code sendhigh} and {@code sendlow} (unsent bytes per client, 4 MiB and 1 MiB), {@code slowpeer}
 * ({@code "close"}, {@code "refuse"} or {@code "drop"}) and {@code slowtime} (centiseconds or a
 * {@code Duration}, 5 s); these four default to the driver's {@link SocketOptions}.
 *
 * <pre>{@code
 * runtime.template("gate", Gate.template());
 * Address gate = ctx.newService("gate").block();
 * ctx.call(gate, "open", Map.of("port", 8888, "maxclient", 64));
 * }</pre>
 */
public final class Gate {

    private Gate() {
    }

    /** A netpack gate (2-byte big-endian length frames) on the runtime's shared socket driver. */
    public static ServiceTemplate template() {
        return ctx -> new GateService(ctx, Sockets.of(ctx), false);
    }

    /** A netpack gate on {@code driver}. */
    public static ServiceTemplate template(SocketDriver driver) {
        return ctx -> new GateService(ctx, Sockets.of(ctx, driver), false);
    }

    /** A gate for text protocols: each {@code \n}- or {@code \r\n}-terminated line is one message (a {@code String}). */
    public static ServiceTemplate lines() {
        return ctx -> new GateService(ctx, Sockets.of(ctx), true);
    }
}

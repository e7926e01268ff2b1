package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One gate instance (skynet's gateserver + gate): its listener, its clients and their count. */
final class GateService implements ServiceHandler {

    private final ServiceContext ctx;
    private final Sockets sockets;
    private final boolean lines;
    private final Map<Integer, GateClient> clients = new HashMap<>();
    private GateConf conf;
    private Listener listener;
    private int count;

    GateService(ServiceContext ctx, Sockets sockets, boolean lines) {
        this.ctx = ctx;
        this.sockets = sockets;
        this.lines = lines;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        return switch (command) {
            case "open" -> open(args);
            case "forward" -> forward(args);
            case "accept" -> {
                GateClient c = client(args, "accept");
                if (c != null) {
                    c.accept(conf.watchdog());
                }
                yield c != null;
            }
            case "kick" -> {
                GateClient c = args.length > 0 ? clients.get(fd(args[0], "kick")) : null;
                if (c != null) {
                    c.socket.closeGracefully();
                }
                yield null;
            }
            case "close" -> {
                Listener l = listener;
                listener = null;
                yield l == null ? null : l.close();
            }
            default -> throw new IllegalArgumentException("gate " + ctx.self() + ": unknown command '" + command
                    + "' (open, forward, accept, kick, close)");
        };
    }

    private Mono<List<Object>> open(Object[] args) {
        if (listener != null) {
            throw new IllegalStateException("gate " + ctx.self() + " is already open on port " + listener.port());
        }
        if (args.length < 1 || !(args[0] instanceof Map<?, ?> table)) {
            throw new IllegalArgumentException("gate open needs a conf map such as {port = 8888, maxclient = 64}");
        }
        GateConf c = GateConf.parse(table, ctx, sockets.driver().options());
        return Listener.bind(sockets, c.address(), c.port(), c.backlog(), c.nodelay())
                .publishOn(ctx.scheduler())
                .map(l -> {
                    conf = c;
                    listener = l;
                    l.startWith(this::accepted);
                    ctx.log("gate listening on", c.address() + ":" + l.port(), "watchdog", c.watchdog());
                    return List.of(c.address(), l.port());
                });
    }

    private Object forward(Object[] args) {
        GateClient c = client(args, "forward");
        if (c == null) {
            return false;
        }
        Address agent = switch (args.length) {
            case 1 -> ctx.source();
            case 2 -> address(args[1]);
            default -> address(args[2]);
        };
        if (agent == null || agent.isNone()) {
            throw new IllegalArgumentException("gate forward(" + c.id() + "): no agent (call it from the agent or name one)");
        }
        c.forward(agent);
        return true;
    }

    /**
     * The client {@code args[0]} names, or null when there is none: a client that leaves before its
     * agent calls forward is ordinary, so that is a counted, rate-limited line, not an error.
     */
    private GateClient client(Object[] args, String command) {
        if (args.length < 1) {
            throw new IllegalArgumentException("gate " + command + " needs a connection id");
        }
        int fd = fd(args[0], command);
        GateClient c = clients.get(fd);
        if (c == null) {
            ctx.incidents().warn("gate.forward.gone", ctx.self(), "gate {}({}) from {}: no such connection; it closed "
                    + "before (the watchdog had its close) or the id is wrong", command, fd, ctx.source());
        }
        return c;
    }

    private static int fd(Object v, String command) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("gate " + command + ": the connection id must be a number, was " + v);
    }

    private Address address(Object v) {
        if (v instanceof Address a) {
            return a;
        }
        if (v instanceof String name) {
            return ctx.resolve(name).orElse(null);
        }
        return null;
    }

    // ---- from the event loop --------------------------------------------------------------------

    /** On the event loop of a new client: its framing, registered; counted in the gate's mailbox. */
    private void accepted(reactor.netty.Connection c) {
        GateConf g = conf;
        TcpSocket s = TcpSocket.gate(sockets.driver(), c, sockets, lines ? Integer.MAX_VALUE : g.maxframe(),
                lines ? 0 : g.header(), g);
        SocketOptions options = sockets.driver().options();
        InboundWatch watch = InboundWatch.gate(s, g.stallTimeout(options), g.idleTimeout(options), e -> s.forceClose());
        if (lines) {
            c.addHandlerLast("skynet.frames", GateFrames.lines(s, watch, g.maxline()));
        } else {
            // writes get their length header in TcpSocket.write, in the same buffer as the payload
            c.addHandlerLast("skynet.frames", GateFrames.netpack(s, watch, g.header(), g.maxframe()));
        }
        GateClient client = new GateClient(s, this, ctx, lines, watch);
        c.addHandlerLast(TcpSocket.READER, client);
        s.events(client);
        if (sockets.driver().register(s)) {
            post(() -> opened(client));
        }
    }

    void post(Runnable task) {
        sockets.post(task);
    }

    // ---- in the gate's mailbox ------------------------------------------------------------------

    private void opened(GateClient c) {
        // skynet's rule: count first; the connection that reaches maxclient is shut at once
        count++;
        if (count >= conf.maxclient()) {
            count--;
            ctx.incidents().warn("gate.refused", ctx.self(), "gate: {} refused, maxclient {} reached", c.socket,
                    conf.maxclient());
            c.socket.forceClose();
            return;
        }
        clients.put(c.id(), c);
        notifyWatchdog("open", c.id(), c.socket.remote);
    }

    void closed(GateClient c) {
        if (clients.remove(c.id()) != null) {
            count--;
            notifyWatchdog("close", c.id());
        }
    }

    void error(GateClient c, String message) {
        if (clients.containsKey(c.id())) {
            notifyWatchdog("error", c.id(), message);
        }
    }

    void warning(GateClient c, long kib) {
        if (clients.containsKey(c.id())) {
            notifyWatchdog("warning", c.id(), kib);
        }
    }

    private void notifyWatchdog(String event, Object... args) {
        Address w = conf.watchdog();
        if (w == null) {
            return;
        }
        Object[] all = new Object[args.length + 1];
        all[0] = event;
        System.arraycopy(args, 0, all, 1, args.length);
        ctx.send(w, "socket", all);
    }

    @Override
    public void exit() {
        if (listener != null) {
            listener.close();
        }
        for (GateClient c : clients.values()) {
            c.socket.forceClose();
        }
    }
}

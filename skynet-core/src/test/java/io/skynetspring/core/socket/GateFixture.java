package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * skynet's stock example in Java: a watchdog opens a gate, starts an agent per client, the agent
 * takes the client with {@code forward} and echoes its frames by writing to the connection.
 */
abstract class GateFixture extends SocketFixture {

    /** The watchdog: gate events in, an agent per client (unless {@code manual}), agents end when clients leave. */
    static final class Watchdog implements ServiceHandler {
        private final ServiceContext ctx;
        private final List<String> events = new ArrayList<>();
        private final Map<Integer, Address> agents = new HashMap<>();
        private final java.util.Set<Integer> connected = new java.util.HashSet<>();
        private Address gate;
        private int port;
        private boolean manual;

        Watchdog(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object init(Object[] args) {
            Map<String, Object> conf = new HashMap<>((Map<String, Object>) args[1]);
            manual = Boolean.TRUE.equals(conf.remove("manual"));
            conf.put("address", "127.0.0.1");
            conf.put("port", 0);
            return ctx.newService((String) args[0]).flatMap(g -> {
                gate = g;
                return ctx.call(g, "open", conf);
            }).doOnNext(reply -> port = ((Number) ((List<?>) reply).get(1)).intValue());
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            inside(ctx, "watchdog " + command);
            switch (command) {
                case "socket" -> {
                    String event = (String) args[0];
                    int fd = ((Number) args[1]).intValue();
                    switch (event) {
                        case "open" -> {
                            events.add("open " + fd);
                            connected.add(fd);
                            if (!manual) {
                                // the client may leave while its agent starts: then the agent ends at once
                                ctx.newService("agent", gate, fd).subscribe(a -> {
                                    if (connected.contains(fd)) {
                                        agents.put(fd, a);
                                    } else {
                                        ctx.send(a, "exit");
                                    }
                                }, e -> ctx.log("agent for", fd, "did not start:", e.getMessage()));
                            }
                        }
                        case "close" -> {
                            events.add("close " + fd);
                            connected.remove(fd);
                            Address a = agents.remove(fd);
                            if (a != null) {
                                ctx.send(a, "exit");
                            }
                        }
                        case "data" -> events.add("data " + fd + " " + text(args[2]));
                        default -> events.add(event + " " + fd + " " + args[2]);
                    }
                    return null;
                }
                case "gate" -> {
                    return gate;
                }
                case "events" -> {
                    return List.copyOf(events);
                }
                case "agents" -> {
                    return agents.size();
                }
                case "port" -> {
                    return port;
                }
                default -> throw new IllegalArgumentException(command);
            }
        }

        private static String text(Object payload) {
            return payload instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : (String) payload;
        }
    }

    /** The agent: takes its client from the gate and echoes every frame back. */
    static final class Agent implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;

        Agent(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return ctx.call((Address) args[0], "forward", args[1]);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            inside(ctx, "agent " + command);
            switch (command) {
                case "client" -> sockets.write((Integer) args[0], (byte[]) args[1]);
                case "exit" -> ctx.exit();
                default -> throw new IllegalArgumentException(command);
            }
            return null;
        }
    }

    Address watchdog;
    Address gate;
    int port;

    /** Starts a watchdog whose gate ({@code template}) is opened with {@code conf}; returns the port. */
    int openGate(String template, Map<String, Object> conf) {
        return openGate(template, Agent::new, conf);
    }

    /** {@link #openGate(String, Map)} with the watchdog starting {@code agent} for each client. */
    int openGate(String template, io.skynetspring.core.service.ServiceTemplate agent, Map<String, Object> conf) {
        rt.template("watchdog", Watchdog::new);
        rt.template("agent", agent);
        watchdog = start("watchdog", template, conf);
        gate = (Address) call(watchdog, "gate");
        port = (Integer) call(watchdog, "port");
        return port;
    }

    List<?> events() {
        return (List<?>) call(watchdog, "events");
    }

    static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(payload.length >> 8);
        out.write(payload.length & 0xFF);
        out.write(payload);
        out.flush();
    }

    static byte[] readFrame(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int n = in.readUnsignedShort();
        byte[] payload = new byte[n];
        in.readFully(payload);
        return payload;
    }
}

package io.skynetspring.core.cluster;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.codec.LuaSeri;
import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.core.snax.SnaxMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * skynet's {@code skynet.cluster} for this node: calls and pushes to services on other nodes
 * (Java or real skynet) over skynet's own cluster protocol, and the port they call us on.
 * Targets on the remote node are an {@link Address} (or an {@code Integer} handle) or a name:
 * {@code "@name"} (registered with {@link #register}), {@code ".local"}, {@code ":0000000a"} or a global name.
 * From inside a service every returned {@code Mono} completes in that service, under the normal call deadline.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.of(runtime);
 * cluster.reload(Map.of("db", "127.0.0.1:2528"));
 * Map<?, ?> player = cluster.call("db", "@sdb", "get_player", Map.class, 1001L).block();
 * }</pre>
 */
public final class Cluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    static final String SENDER = "clustersender";
    static final String PROXY = "clusterproxy";
    /** skynet's service manager, as far as the cluster needs it: {@code QUERY "snaxd" name} from {@code cluster.snax}. */
    static final String SERVICE_MANAGER = "servicemgr";

    private final SkynetRuntime runtime;
    private final ClusterSettings settings;
    private final LoopResources loops;
    private final Map<String, ClusterLink> links = new ConcurrentHashMap<>();
    private final Map<String, Mono<Address>> senders = new ConcurrentHashMap<>();
    private final Map<String, Mono<Address>> proxies = new ConcurrentHashMap<>();
    private final Map<String, Address> names = new ConcurrentHashMap<>();
    private final Map<Address, String> nameOf = new ConcurrentHashMap<>();
    private final Set<ClusterAgent> agents = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final Disposable sweeper;
    // the node table: guarded by this
    private Map<String, Object> table = Map.of();
    private volatile boolean noWaiting;
    private volatile DisposableServer server;
    private volatile boolean closed;

    private Cluster(SkynetRuntime runtime, ClusterSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
        this.loops = LoopResources.create("skynet-cluster", 1, Math.max(1, Math.min(2,
                Runtime.getRuntime().availableProcessors())), true);
        applyTable(settings.nodes());
        if (!runtime.hasTemplate(SENDER)) {
            runtime.template(SENDER, ServiceTemplate.with(Isolation.SHARE, ctx -> new Sender(ctx)));
        }
        if (!runtime.hasTemplate(PROXY)) {
            runtime.template(PROXY, ServiceTemplate.with(Isolation.SHARE, ctx -> new Proxy(ctx)));
        }
        if (!runtime.hasTemplate(SERVICE_MANAGER)) {
            runtime.template(SERVICE_MANAGER, ctx -> new ServiceManager(ctx));
        }
        if (runtime.resolve(".service").isEmpty()) {
            runtime.newService(SERVICE_MANAGER).subscribe(a -> runtime.name(".service", a),
                    e -> log.warn("cluster: no .service for cluster.snax queries: {}", e.toString()));
        }
        this.sweeper = Schedulers.parallel().schedulePeriodically(this::sweep, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** This node's cluster, with {@link ClusterSettings#defaults()} if none was started yet. */
    public static Cluster of(SkynetRuntime runtime) {
        return runtime.resource(Cluster.class, () -> new Cluster(runtime, ClusterSettings.defaults()));
    }

    /** Starts this node's cluster with {@code settings}; fails if one is already running. */
    public static Cluster start(SkynetRuntime runtime, ClusterSettings settings) {
        Cluster made = runtime.resource(Cluster.class, () -> new Cluster(runtime, settings));
        if (made.settings != settings) {
            throw new IllegalStateException("a cluster is already running on this node");
        }
        return made;
    }

    public ClusterSettings settings() {
        return settings;
    }

    SkynetRuntime runtime() {
        return runtime;
    }

    LoopResources loops() {
        return loops;
    }

    IncidentLog incidents() {
        return runtime.incidents();
    }

    boolean noWaiting() {
        return noWaiting;
    }

    // ---- listening ----------------------------------------------------------------------------

    /** Listens on {@code port} at the configured bind host ({@code cluster.open(port)}); 0 picks a free port. */
    public Mono<InetSocketAddress> open(int port) {
        return listen(settings.bind(), port);
    }

    /** Listens on the address the node table gives {@code nodeName} ({@code cluster.open("name")}). */
    public Mono<InetSocketAddress> open(String nodeName) {
        Object where;
        synchronized (this) {
            where = table.get(nodeName);
        }
        if (!(where instanceof String hostPort)) {
            return Mono.error(new ClusterException(nodeName, "has no address in the node table to open"));
        }
        int colon = hostPort.lastIndexOf(':');
        return listen(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private Mono<InetSocketAddress> listen(String host, int port) {
        if (server != null) {
            return Mono.error(new IllegalStateException("the cluster already listens on " + listening()));
        }
        return TcpServer.create()
                .host(host)
                .port(port)
                .runOn(loops)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .doOnConnection(conn -> {
                    if (closed || connections.incrementAndGet() > settings.maxConnections()) {
                        connections.decrementAndGet();
                        incidents().warn("cluster.refused", null, "cluster connection from {} refused: {} connections "
                                + "already", conn.channel().remoteAddress(), settings.maxConnections());
                        conn.channel().close();
                        return;
                    }
                    ClusterAgent agent = new ClusterAgent(this, conn.channel());
                    agents.add(agent);
                    conn.channel().pipeline().addFirst("flush", new FlushConsolidationHandler(256, true));
                    conn.addHandlerLast("frames", new LengthFieldBasedFrameDecoder(0xFFFF + 2, 0, 2, 0, 2));
                    conn.addHandlerLast("agent", agent);
                    conn.channel().config().setAutoRead(true);
                    conn.channel().closeFuture().addListener(f -> {
                        agents.remove(agent);
                        connections.decrementAndGet();
                    });
                })
                .bind()
                .onErrorMap(e -> new ClusterException(String.valueOf(settings.name()), "cannot listen on " + host + ":"
                        + port + ": " + e.getMessage(), e))
                .map(s -> {
                    server = s;
                    log.info("cluster node {} listening on {}", settings.name() == null ? "" : "[" + settings.name() + "]",
                            s.address());
                    return (InetSocketAddress) s.address();
                });
    }

    /** Where this node listens, if it does. */
    public InetSocketAddress listening() {
        DisposableServer s = server;
        return s == null ? null : (InetSocketAddress) s.address();
    }

    // ---- the node table -----------------------------------------------------------------------

    /**
     * Replaces the node table ({@code cluster.reload}): values {@code "host:port"} or {@code false}.
     * Calls to a node the table lacks fail at once; {@code "__nowaiting", false} makes them wait for a
     * reload instead, as skynet does by default. Links whose address changed or that are now down
     * close, failing their calls.
     */
    public void reload(Map<String, ?> nodes) {
        applyTable(nodes);
    }

    private void applyTable(Map<String, ?> nodes) {
        Map<String, Object> next = new HashMap<>();
        // a call to a node the table lacks fails at once, naming it, unless the table asks for skynet's
        // waiting with __nowaiting = false: then it waits for a reload that adds the node (under its deadline)
        boolean wait = false;
        for (Map.Entry<String, ?> e : nodes.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key.startsWith("__")) {
                if (key.equals("__nowaiting")) {
                    wait = Boolean.FALSE.equals(v) || "false".equals(v);
                }
                continue;
            }
            if (Boolean.FALSE.equals(v) || "false".equals(v)) {
                next.put(key, Boolean.FALSE);
            } else if (v instanceof String hostPort && hostPort.lastIndexOf(':') > 0) {
                next.put(key, hostPort.trim());
            } else {
                throw new IllegalArgumentException("cluster node [" + key + "]: expected \"host:port\" or false, got "
                        + v);
            }
        }
        synchronized (this) {
            table = Map.copyOf(next);
            noWaiting = !wait;
        }
        for (ClusterLink link : links.values()) {
            Object v = next.get(link.node);
            link.retarget(v instanceof String s ? s : null, Boolean.FALSE.equals(v));
        }
    }

    /** The node table now: name to {@code "host:port"} (nodes marked down are left out). */
    public Map<String, String> nodes() {
        Map<String, String> out = new TreeMap<>();
        synchronized (this) {
            table.forEach((k, v) -> {
                if (v instanceof String s) {
                    out.put(k, s);
                }
            });
        }
        return out;
    }

    private ClusterLink link(String node) {
        ClusterLink link = links.get(node);
        if (link != null) {
            return link;
        }
        if (closed) {
            throw new ClusterException(node, "the cluster is closed");
        }
        Object v;
        synchronized (this) {
            v = table.get(node);
        }
        if (v == null && noWaiting) {
            incidents().warn("cluster.absent", null, "cluster node [{}] is absent.", node);
            throw new ClusterException(node, "is absent from the node table");
        }
        return links.computeIfAbsent(node, n -> new ClusterLink(this, n, v instanceof String s ? s : null,
                Boolean.FALSE.equals(v)));
    }

    // ---- calls --------------------------------------------------------------------------------

    /** Calls {@code command} on {@code target} of {@code node}; the reply is the remote handler's return value. */
    public Mono<Object> call(String node, Object target, String command, Object... args) {
        Object to;
        byte[] body;
        ClusterLink link;
        try {
            to = wireTarget(target);
            body = LuaSeri.pack(withCommand(command, args));
            link = link(node);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        return runtime.foreignCall("cluster node [" + node + "] " + target, command, runtime.settings().callTimeout(),
                r -> link.call(to, body, r, command));
    }

    /** {@link #call(String, Object, String, Object...)} with the reply converted to {@code type} (Lua tables to records). */
    public <T> Mono<T> call(String node, Object target, String command, Class<T> type, Object... args) {
        return call(node, target, command, args).map(v -> LuaValues.convert(v, type));
    }

    /** A push ({@code cluster.send}): no reply; false if it could not be queued (unknown or down node). */
    public boolean send(String node, Object target, String command, Object... args) {
        Object to = wireTarget(target);
        byte[] body = LuaSeri.pack(withCommand(command, args));
        ClusterLink link;
        try {
            link = link(node);
        } catch (ClusterException e) {
            return false;
        }
        return link.push(to, body);
    }

    /** The remote address of a name registered on {@code node} ({@code cluster.query}). */
    public Mono<Address> query(String node, String name) {
        byte[] body = LuaSeri.pack(name);
        ClusterLink link;
        try {
            link = link(node);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        return runtime.foreignCall("cluster node [" + node + "]", "query " + name, runtime.settings().callTimeout(),
                r -> link.call(0, body, r, "query " + name))
                .map(v -> new Address((int) LuaValues.convert(v, long.class).longValue()));
    }

    /**
     * The lua-seri values of a request: the command, then the arguments. A command of decimal digits
     * (a snax method id) goes as a Lua integer, which is what a Lua snax service dispatches on; a Java
     * callee turns it back into the same text.
     */
    private static Object[] withCommand(String command, Object[] args) {
        Object[] values = new Object[(args == null ? 0 : args.length) + 1];
        values[0] = isMethodId(command) ? (Object) Long.valueOf(command) : command;
        if (args != null) {
            System.arraycopy(args, 0, values, 1, args.length);
        }
        return values;
    }

    private static boolean isMethodId(String command) {
        int n = command.length();
        if (n == 0 || n > 9 || command.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = command.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The request's address field: an Integer handle or a name of 1..255 bytes. */
    static Object wireTarget(Object target) {
        if (target instanceof Address a) {
            return a.handle();
        }
        if (target instanceof Integer || target instanceof Long) {
            return ((Number) target).intValue();
        }
        if (target instanceof String s) {
            int n = s.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > 255) {
                throw new IllegalArgumentException("a cluster target name must be 1..255 bytes, got " + n + ": " + s);
            }
            return s;
        }
        throw new IllegalArgumentException("a cluster target is an Address, a handle or a name, not " + target);
    }

    /** Lua's multiple values as one Java reply: none is null, one is itself, several a List. */
    static Object single(Object[] values) {
        return values.length == 0 ? null : values.length == 1 ? values[0] : Arrays.asList(values);
    }

    // ---- names --------------------------------------------------------------------------------

    /** Makes {@code address} callable as {@code "@name"} and by {@link #query}; a taken name is an error. */
    public synchronized void register(String name, Address address) {
        if (name == null || name.isEmpty() || name.startsWith("@")) {
            throw new IllegalArgumentException("invalid cluster name '" + name + "'");
        }
        Address holder = names.get(name);
        if (holder != null && !holder.equals(address) && runtime.alive(holder)) {
            throw new IllegalStateException("cluster name '" + name + "' is already registered to " + holder);
        }
        if (holder != null && !holder.equals(address)) {
            nameOf.remove(holder, name);
        }
        String old = nameOf.put(address, name);
        if (old != null && !old.equals(name)) {
            names.remove(old, address);
        }
        names.put(name, address);
    }

    public synchronized void unregister(String name) {
        Address a = names.remove(name);
        if (a != null) {
            nameOf.remove(a, name);
        }
    }

    /**
     * The live service registered as {@code name}, or null. A name whose service has ended (killed from
     * outside, so no exit hook ran) is dropped here, so callers hear "Invalid name" and a new instance can take it.
     */
    Address registeredLive(String name) {
        Address a = names.get(name);
        if (a != null && !runtime.alive(a)) {
            synchronized (this) {
                if (names.remove(name, a)) {
                    nameOf.remove(a, name);
                }
            }
            return null;
        }
        return a;
    }



    /** Names registered on this node. */
    public Map<String, Address> registered() {
        return java.util.Collections.unmodifiableMap(names);
    }

    // ---- proxies ------------------------------------------------------------------------------

    /**
     * A local address that forwards to {@code name} on {@code node} ({@code cluster.proxy}): sends to it
     * become pushes, calls become cluster calls. Also {@code proxy("node@name")} / {@code proxy("node.name")}.
     */
    public Mono<Address> proxy(String node, String name) {
        try {
            wireTarget(name);
        } catch (IllegalArgumentException e) {
            return Mono.error(e);
        }
        return proxy(node, name, null);
    }

    /** A proxy whose commands named in {@code ids} go as those method ids (a snax service's interface). */
    private Mono<Address> proxy(String node, String name, Map<String, String> ids) {
        return proxies.computeIfAbsent(node + "\u0000" + name + (ids == null ? "" : "\u0000snax"), k -> sender(node)
                .flatMap(sender -> runtime.newService(PROXY, node, name, sender, ids))
                .doOnError(e -> proxies.remove(k))
                .cache());
    }

    /**
     * A handle on the snax service {@code name} of {@code node} ({@code cluster.snax}): found by asking the
     * node's {@code .service} ({@code QUERY "snaxd" name}), then reached through a proxy, so its
     * {@code post}/{@code req} travel as cluster pushes and calls. When {@code name} is registered on
     * this node too, methods go by their ids ({@code pack(id, args...)}), which is what a Lua snax
     * service expects; otherwise by name, which a Java node also accepts.
     *
     * <pre>{@code SnaxHandle auth = cluster.snax("node1", "auth_service").block(); auth.req("login", "user", "pass");}</pre>
     */
    public Mono<SnaxHandle> snax(String node, String name) {
        return call(node, ".service", "QUERY", "snaxd", name)
                .switchIfEmpty(Mono.error(() -> new ClusterException(node, "has no snax service '" + name + "'")))
                .flatMap(v -> snax(node, name, new Address((int) LuaValues.convert(v, long.class).longValue())));
    }

    /** {@link #snax(String, String)} for a service whose remote address is known ({@code cluster.snax(node, name, address)}). */
    public Mono<SnaxHandle> snax(String node, String name, Address remote) {
        Snax snax = Snax.of(runtime);
        Map<String, String> ids = null;
        if (snax.isRegistered(name)) {
            ids = new HashMap<>();
            for (SnaxMethod m : snax.methods(name)) {
                ids.put(m.name(), Integer.toString(m.id()));
            }
        }
        return proxy(node, remote.toString(), ids).map(local -> snax.forwarded(local, name));
    }

    public Mono<Address> proxy(String nodeAndName) {
        int at = nodeAndName.indexOf('@');
        if (at < 0) {
            at = nodeAndName.indexOf('.');
        }
        if (at <= 0 || at == nodeAndName.length() - 1) {
            return Mono.error(new IllegalArgumentException("expected \"node@name\" or \"node.name\", got "
                    + nodeAndName));
        }
        // as skynet's cluster.proxy("db@sdb"): the separator stays, so "@sdb" or ".sdb" is the name
        return proxy(nodeAndName.substring(0, at), nodeAndName.substring(at));
    }

    /** The node's sender service (skynet's clustersender), which proxies redirect their messages to. */
    private Mono<Address> sender(String node) {
        return senders.computeIfAbsent(node, n -> runtime.newService(SENDER, n)
                .doOnError(e -> senders.remove(n))
                .cache());
    }

    /** Takes messages redirected by proxies: the original caller's reply comes straight from the link. */
    private final class Sender implements ServiceHandler {
        private final ServiceContext ctx;
        private String node;

        Sender(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Object init(Object[] args) {
            node = (String) args[0];
            return null;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            Object target = args[0];
            Packed packed = (Packed) args[1];
            ClusterLink link = link(node);
            if (command.equals("push")) {
                link.push(target, packed.body);
                return null;
            }
            Responder r = ctx.response();
            link.call(target, packed.body, r, String.valueOf(args[2]));
            return null;
        }
    }

    /** A local stand-in for a remote service: every message is packed and redirected to the node's sender. */
    private static final class Proxy implements ServiceHandler {
        private final ServiceContext ctx;
        private String name;
        private Address sender;
        private Map<String, String> ids;

        Proxy(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object init(Object[] args) {
            name = (String) args[1];
            sender = (Address) args[2];
            ids = (Map<String, String>) args[3];
            return null;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            String sent = ids == null ? command : ids.getOrDefault(command, command);
            Packed body = new Packed(LuaSeri.pack(withCommand(sent, args)));
            ctx.redirect(sender, ctx.session() == 0 ? "push" : "req", name, body, command);
            return null;
        }
    }

    /** Answers {@code QUERY "snaxd" name} with the address of this node's unique snax service {@code name}. */
    private final class ServiceManager implements ServiceHandler {
        private final ServiceContext ctx;

        ServiceManager(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            if (!"QUERY".equals(command) || args.length != 2 || !"snaxd".equals(args[0])
                    || !(args[1] instanceof String name)) {
                throw new io.skynetspring.core.message.ServiceException(".service here answers QUERY \"snaxd\" "
                        + "<name> (cluster.snax) only; got " + command + " " + Arrays.toString(args));
            }
            return ctx.timeout(Snax.of(runtime).queryService(name), runtime.settings().callTimeout())
                    .map(h -> (long) h.address().handle());
        }
    }

    // ---- state --------------------------------------------------------------------------------

    /** Every link: one per remote node called, and every accepted connection. */
    public List<LinkStat> links() {
        List<LinkStat> out = new ArrayList<>();
        for (ClusterLink l : links.values()) {
            out.add(l.stat());
        }
        for (ClusterAgent a : agents) {
            out.add(a.stat());
        }
        return out;
    }

    private void sweep() {
        for (ClusterLink l : links.values()) {
            l.sweep();
        }
    }

    /** Closes the port and every link; waiting calls fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.dispose();
        DisposableServer s = server;
        if (s != null) {
            s.disposeNow(Duration.ofSeconds(2));
        }
        // accepted connections end with the node, so callers elsewhere see it go at once
        for (ClusterAgent a : agents) {
            a.close();
        }
        for (ClusterLink l : links.values()) {
            l.close();
        }
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}

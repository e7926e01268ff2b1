package io.skynetspring.core;

import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchRequest;
import io.skynetspring.core.service.Node;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.RunningMessage;
import io.skynetspring.core.service.ServiceObserver;
import io.skynetspring.core.service.ServiceStats;
import io.skynetspring.core.service.ServiceTemplate;
import io.skynetspring.core.service.TemplateStats;
import io.skynetspring.core.socket.SocketTransport;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjIntConsumer;

/**
 * A running skynet node without Spring: register templates, start services, talk to them.
 *
 * <pre>{@code
 * try (SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults())) {
 *     rt.template("echo", ctx -> (cmd, args) -> args[0]);
 *     Address echo = rt.newService("echo").block();
 *     rt.call(echo, "say", "hi").block();   // "hi"
 * }
 * }</pre>
 */
public final class SkynetRuntime implements Skynet, AutoCloseable {

    static {
        // before a debug console or cluster link makes Reactor Netty's default loops, which load Netty's io_uring
        SocketTransport.prepareNetty();
    }

    private final Node node;
    private final Skynet api;
    private final Duration shutdownGrace;

    private SkynetRuntime(NodeSettings settings, Duration shutdownGrace) {
        this.node = new Node(settings);
        this.api = node.skynet();
        this.shutdownGrace = shutdownGrace;
    }

    public static SkynetRuntime start(NodeSettings settings) {
        return new SkynetRuntime(settings, Duration.ofSeconds(10));
    }

    public static SkynetRuntime start(NodeSettings settings, Duration shutdownGrace) {
        return new SkynetRuntime(settings, shutdownGrace);
    }

    /** Registers a service template; {@code newService(name)} then makes instances of it. */
    public SkynetRuntime template(String name, ServiceTemplate template) {
        node.template(name, template);
        return this;
    }

    public boolean hasTemplate(String name) {
        return node.hasTemplate(name);
    }

    /** Counted, rate-limited warnings: refused and dropped messages, slow or stalled peers closed, ... */
    public IncidentLog incidents() {
        return node.incidents();
    }

    /** The node-wide instance of {@code type} if one was made (the shared socket driver, ...); never makes one. */
    public <T extends AutoCloseable> java.util.Optional<T> existingResource(Class<T> type) {
        return node.existingResource(type);
    }

    /** The node-wide instance of {@code type}, made on first use and closed at shutdown. */
    public <T extends AutoCloseable> T resource(Class<T> type, java.util.function.Supplier<T> factory) {
        return node.resource(type, factory);
    }

    public List<ServiceStats> services() {
        return node.services();
    }

    /** One live service's counters; empty when no service has that address. */
    public Optional<ServiceStats> service(Address address) {
        return Optional.ofNullable(node.service(address));
    }

    /** Counters per service template (bounded cardinality: what meters are made from). */
    public List<TemplateStats> templates() {
        return node.templates();
    }

    /** Calls {@code visitor} with the template and mailbox length of every live service; no snapshot is made. */
    public void forEachMailbox(ObjIntConsumer<String> visitor) {
        node.forEachMailbox(visitor);
    }

    /** Tells {@code observer} about every template and timed command, now and as they appear. */
    public void observe(ServiceObserver observer) {
        node.observe(observer);
    }

    /** The message each busy worker is inside now, with how long it has run. */
    public List<RunningMessage> running() {
        return node.running();
    }

    /** Messages that ran past {@link NodeSettings#endlessThreshold()} since start ("maybe in an endless loop"). */
    public long endlessCount() {
        return node.endlessCount();
    }

    /**
     * Round trip through {@code target}'s mailbox, answered by the runtime, not the handler (skynet's
     * debug {@code PING}); fails at once for an unknown or dead address.
     *
     * <pre>{@code Duration rtt = runtime.ping(calc).block();}</pre>
     */
    public Mono<Duration> ping(Address target) {
        return node.ping(target, node.settings().callTimeout());
    }

    /** Replies to calls from outside services that came after their deadline and were dropped. */
    public long lateReplies() {
        return node.externalLateReplies();
    }

    public NodeSettings settings() {
        return node.settings();
    }

    /** Refuses new messages from outside, drains mailboxes within {@code grace}, runs exits, stops. */
    public void shutdown(Duration grace) {
        node.shutdown(grace);
    }

    public boolean isShuttingDown() {
        return node.isClosing();
    }

    /** Whether shutdown has finished: the workers are gone and no message will be handled. */
    public boolean isStopped() {
        return node.isClosed();
    }

    @Override
    public void close() {
        shutdown(shutdownGrace);
    }

    @Override
    public Mono<Address> newService(String template, Object... args) {
        return api.newService(template, args);
    }

    @Override
    public Mono<Address> uniqueService(String template, Object... args) {
        return api.uniqueService(template, args);
    }

    @Override
    public Mono<Address> queryService(String template) {
        return api.queryService(template);
    }

    /** Whether a live service on this node has {@code address}. */
    public boolean alive(Address address) {
        return node.alive(address);
    }

    @Override
    public Optional<Address> resolve(String name) {
        return api.resolve(name);
    }

    @Override
    public void name(String name, Address address) {
        api.name(name, address);
    }

    @Override
    public boolean send(Address target, String command, Object... args) {
        return api.send(target, command, args);
    }

    @Override
    public boolean send(String target, String command, Object... args) {
        return api.send(target, command, args);
    }

    /**
     * A call answered by something outside this runtime, such as a cluster link: it waits in the
     * calling service's session table (or the runtime's, from outside services) under
     * {@code timeout}, completes inside the caller like any call, and {@code start} receives the
     * {@link io.skynetspring.core.service.Responder} that answers it from any thread. {@code remote}
     * names the other side in errors.
     */
    public Mono<Object> foreignCall(String remote, String command, Duration timeout,
                                    java.util.function.Consumer<io.skynetspring.core.service.Responder> start) {
        return node.foreignCall(remote, command, timeout, start);
    }

    @Override
    public Mono<Object> call(Address target, String command, Object... args) {
        return api.call(target, command, args);
    }

    @Override
    public Mono<Object> call(String target, String command, Object... args) {
        return api.call(target, command, args);
    }

    @Override
    public <T> Mono<T> call(Address target, String command, Class<T> type, Object... args) {
        return api.call(target, command, type, args);
    }

    @Override
    public <T> Mono<T> call(String target, String command, Class<T> type, Object... args) {
        return api.call(target, command, type, args);
    }

    @Override
    public Skynet withTimeout(Duration callTimeout) {
        return api.withTimeout(callTimeout);
    }

    @Override
    public BatchRequest request() {
        return api.request();
    }

    @Override
    public void kill(Address target) {
        api.kill(target);
    }

    @Override
    public String getenv(String key) {
        return api.getenv(key);
    }

    @Override
    public void setenv(String key, String value) {
        api.setenv(key, value);
    }

    @Override
    public long now() {
        return api.now();
    }

    @Override
    public double time() {
        return api.time();
    }

    @Override
    public long starttime() {
        return api.starttime();
    }
}

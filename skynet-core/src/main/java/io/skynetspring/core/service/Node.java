package io.skynetspring.core.service;

import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.timer.TimerWheel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjIntConsumer;

/**
 * One skynet node: the service registry, names, the worker pool, timers and message routing.
 * Users reach it through {@code SkynetRuntime} and {@link ServiceContext}.
 */
public final class Node {

    final Logger log = LoggerFactory.getLogger("skynet");
    final NodeSettings settings;
    final Workers workers;
    final EndlessMonitor monitor;
    private final TimerWheel timer;
    private final IncidentLog incidents = new IncidentLog();

    private final Map<String, ServiceTemplate> templates = new ConcurrentHashMap<>();
    private final Map<String, TemplateStats> templateStats = new ConcurrentHashMap<>();
    private final List<ServiceObserver> observers = new CopyOnWriteArrayList<>();
    private final HandleTable cells = new HandleTable();
    private final Map<String, ServiceCell> names = new ConcurrentHashMap<>();
    private final Map<String, Mono<Address>> unique = new ConcurrentHashMap<>();
    private final Map<Integer, String> uniqueOwners = new ConcurrentHashMap<>();
    private final Map<String, Sinks.One<Address>> queries = new ConcurrentHashMap<>();
    private final Map<String, String> env = new ConcurrentHashMap<>();
    private final Map<Class<?>, AutoCloseable> resources = new ConcurrentHashMap<>();
    private final Map<Integer, PendingCall> external = new ConcurrentHashMap<>();
    private final AtomicInteger externalSessions = new AtomicInteger();
    private final AtomicInteger templateIds = new AtomicInteger();
    private final AtomicLong externalLateReplies = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final long startEpochSeconds = System.currentTimeMillis() / 1000;
    private volatile boolean closing;
    private volatile boolean closed;
    static final String PING = "ping";
    private static final Duration SWEEP = Duration.ofSeconds(10);

    public Node(NodeSettings settings) {
        this.settings = settings;
        this.workers = new Workers("skynet", settings.workers(), settings.batch(), log);
        this.timer = new TimerWheel("skynet");
        this.monitor = new EndlessMonitor("skynet", workers.watches(), settings.endlessThreshold(),
                settings.profile(), log);
        sweepIncidents();
    }

    /** Counted, rate-limited warnings of this node. */
    public IncidentLog incidents() {
        return incidents;
    }

    private void sweepIncidents() {
        if (!closed) {
            try {
                timer.schedule(SWEEP, () -> {
                    incidents.sweep();
                    sweepIncidents();
                });
            } catch (IllegalStateException stopped) {
                // the timer stopped with the node
            }
        }
    }

    /** The skynet API for code outside services (inside one, it acts as that service). */
    public io.skynetspring.core.Skynet skynet() {
        return new SkynetView.FromThread(this, settings.callTimeout());
    }

    public NodeSettings settings() {
        return settings;
    }

    /** Registers a template under {@code name}; a second registration of one name is an error. */
    public void template(String name, ServiceTemplate template) {
        if (template.sequential() && !VirtualThreads.available()) {
            throw new IllegalStateException(VirtualThreads.missing(name));
        }
        if (templates.putIfAbsent(name, template) != null) {
            throw new IllegalStateException("a service template named '" + name + "' is already registered");
        }
        if (template.sequential()) {
            // sequential handlers run on the workers themselves, which must be virtual threads for that
            workers.goVirtual();
        }
        TemplateStats stats = new TemplateStats(name, observers, templateIds.getAndIncrement(), workers.watches());
        templateStats.put(name, stats);
        for (ServiceObserver o : observers) {
            o.templateAdded(stats);
        }
    }

    public boolean hasTemplate(String name) {
        return templates.containsKey(name);
    }

    /** The service calling into the runtime from this thread, if any. */
    ServiceCell caller() {
        return ServiceCell.current(this);
    }

    // ---- lifecycle of services --------------------------------------------------------------

    Mono<Address> newService(ServiceCell caller, String templateName, Object[] args) {
        return hop(caller, Mono.defer(() -> spawn(templateName, args)));
    }

    private Mono<Address> spawn(String templateName, Object[] args) {
        if (closing) {
            return Mono.error(shuttingDown("newService " + templateName));
        }
        ServiceTemplate template = templates.get(templateName);
        if (template == null) {
            return Mono.error(new ServiceException(null, templateName, "newService",
                    "no service template named '" + templateName + "' (known: " + templates.keySet() + ")", null));
        }
        Object[] initArgs = args == null ? new Object[0] : args;
        if (copies(template)) {
            try {
                initArgs = MessageCopy.args(initArgs);
            } catch (MessageCopy.Refusal r) {
                incidents.warn("message.refused", null, "newService {} refused: {}", templateName, r.getMessage());
                return Mono.error(new ServiceException(null, templateName, "newService",
                        "refused: " + r.getMessage() + MessageCopy.FIX, null));
            }
        }
        StartSignal start = new StartSignal();
        TemplateStats stats = templateStats.get(templateName);
        ServiceCell cell = cells.add(id -> new ServiceCell(this, Address.of(settings.nodeId(), id), templateName,
                template, stats, start));
        stats.alive.incrementAndGet();
        cell.post(Message.init(null, initArgs));
        return start.mono();
    }

    Mono<Address> uniqueService(ServiceCell caller, String templateName, Object[] args) {
        Mono<Address> shared = unique.computeIfAbsent(templateName, t -> {
            Sinks.One<Address> query = querySink(t);
            return Mono.defer(() -> spawn(t, args))
                    .doOnNext(a -> {
                        uniqueOwners.put(a.handle(), t);
                        query.tryEmitValue(a);
                    })
                    .doOnError(query::tryEmitError)
                    .cache();
        });
        return hop(caller, shared);
    }

    Mono<Address> queryService(ServiceCell caller, String templateName) {
        return hop(caller, querySink(templateName).asMono());
    }

    private Sinks.One<Address> querySink(String templateName) {
        return queries.computeIfAbsent(templateName, t -> Sinks.one());
    }

    /** Brings a signal that may complete on any thread back onto the caller's executor. */
    private <T> Mono<T> hop(ServiceCell caller, Mono<T> mono) {
        return caller == null ? mono : mono.publishOn(caller.context.scheduler());
    }

    void kill(Address address) {
        ServiceCell cell = cells.get(address.handle());
        if (cell != null) {
            cell.requestKill();
        }
    }

    void unregister(ServiceCell cell) {
        if (cells.remove(cell)) {
            cell.stats.alive.decrementAndGet();
        }
        for (String n : cell.names()) {
            names.remove(n, cell);
        }
        String uniqueName = uniqueOwners.remove(cell.address.handle());
        if (uniqueName != null) {
            // the next uniqueService starts a fresh instance; queryService waits for it
            unique.remove(uniqueName);
            queries.remove(uniqueName);
        }
    }

    // ---- names ------------------------------------------------------------------------------

    ServiceCell cell(Address address) {
        return cells.get(address.handle());
    }

    /** Whether a live service has {@code address}, without building its name. */
    public boolean alive(Address address) {
        ServiceCell c = cells.get(address.handle());
        return c != null && c.state != ServiceCell.DEAD;
    }

    ServiceCell resolve(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (name.charAt(0) == ':') {
            try {
                return cells.get(Address.parse(name).handle());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return names.get(name);
    }

    void name(String name, ServiceCell cell) {
        if (name == null || name.isEmpty() || name.charAt(0) == ':') {
            throw new IllegalArgumentException("invalid service name '" + name + "'");
        }
        if (name.charAt(0) == '.') {
            if (names.putIfAbsent(name, cell) == null) {
                cell.addName(name);
            }
            return;
        }
        if (name.length() > 15) {
            throw new IllegalArgumentException("global name '" + name + "' is longer than 15 characters");
        }
        ServiceCell prior = names.putIfAbsent(name, cell);
        if (prior != null && prior != cell) {
            throw new IllegalStateException("global name '" + name + "' is already bound to " + prior.address);
        }
        if (prior == null) {
            cell.addName(name);
        }
    }

    // ---- messaging --------------------------------------------------------------------------

    boolean send(ServiceCell caller, ServiceCell target, String command, Object[] args) {
        if (caller == null && closing) {
            log.warn("send '{}' refused: the skynet runtime is shutting down", command);
            return false;
        }
        if (target == null) {
            return false;
        }
        Object[] sent;
        try {
            sent = crossing(caller, target, args);
        } catch (MessageCopy.Refusal r) {
            refused(target, command, r);
            throw new IllegalArgumentException("send '" + command + "' to " + target.address + " ("
                    + target.displayName() + ") refused: " + r.getMessage() + MessageCopy.FIX);
        }
        return target.offerRequest(Message.request(caller, 0, command, sent)) == null;
    }

    /**
     * Delivers {@code request}'s source and session to {@code target} as a new request; when that
     * fails the original caller hears it at once.
     */
    boolean redirect(ServiceCell from, Message request, ServiceCell target, Address targetAddress, String command,
                     Object[] args) {
        ServiceException refusal;
        if (target == null) {
            refusal = invalidTarget(targetAddress.toString(), command);
        } else {
            Object[] sent;
            try {
                sent = target.copies && target != from && args != null ? MessageCopy.args(args) : args;
            } catch (MessageCopy.Refusal r) {
                throw new IllegalArgumentException("redirect '" + command + "' to " + target.address + " refused: "
                        + r.getMessage() + MessageCopy.FIX);
            }
            refusal = target.offerRequest(Message.request(request.sourceCell, request.session, command, sent));
            if (refusal == null) {
                return true;
            }
        }
        respondError(from, request, refusal);
        return false;
    }

    // ---- isolation --------------------------------------------------------------------------

    /** Whether messages to {@code template}'s services, and their replies, are copied. */
    boolean copies(ServiceTemplate template) {
        Isolation i = template.isolation();
        return (i == null || i == Isolation.NODE ? settings.isolation() : i) == Isolation.COPY;
    }

    /** The arguments as {@code target} receives them: copies, unless it shares or calls itself. */
    private static Object[] crossing(ServiceCell caller, ServiceCell target, Object[] args) {
        return args != null && target.copies && caller != target ? MessageCopy.args(args) : args;
    }

    private ServiceException refused(ServiceCell target, String command, MessageCopy.Refusal r) {
        incidents.warn("message.refused", target.address, "'{}' to {} refused: {}", command, target.displayName(),
                r.getMessage());
        return new ServiceException(target.address, target.displayName(), command,
                "refused: " + r.getMessage() + MessageCopy.FIX, null);
    }

    /** {@code targetRef} names the target in errors: an Address or the name the caller used. */
    Mono<Object> call(ServiceCell caller, ServiceCell target, Object targetRef, String command, Object[] args,
                      Duration timeout) {
        if (caller == null && closing) {
            return Mono.error(shuttingDown("call '" + command + "' to " + targetRef));
        }
        if (target == null) {
            return Mono.error(invalidTarget(String.valueOf(targetRef), command));
        }
        if (caller != null && ServiceCell.current(this) != caller) {
            // subscribed on a foreign thread: the caller's session table is the caller's own, so start there
            return Mono.defer(() -> call(caller, target, targetRef, command, args, timeout))
                    .subscribeOn(caller.context.scheduler());
        }
        PendingCall p = startCall(caller, target, command, args, timeout);
        return p.mono();
    }

    /** {@link #foreignCall(ServiceCell, String, String, Duration, Consumer)} for the service running on this thread, if any. */
    public Mono<Object> foreignCall(String remote, String command, Duration timeout, Consumer<Responder> start) {
        return foreignCall(ServiceCell.current(this), remote, command, timeout, start);
    }

    /**
     * A call whose reply comes from outside the runtime (a cluster link): a pending call in the
     * caller's own session table, under {@code timeout}, answered through the Responder handed to
     * {@code start}, from any thread.
     */
    Mono<Object> foreignCall(ServiceCell caller, String remote, String command, Duration timeout,
                             Consumer<Responder> start) {
        if (caller != null && ServiceCell.current(this) != caller) {
            return Mono.defer(() -> foreignCall(caller, remote, command, timeout, start))
                    .subscribeOn(caller.context.scheduler());
        }
        if (caller == null && closing) {
            return Mono.error(shuttingDown("call '" + command + "' to " + remote));
        }
        Map<Integer, PendingCall> table = caller == null ? external : caller.pending();
        int session = caller == null ? nextExternalSession() : caller.nextSession();
        PendingCall p = new PendingCall(this, caller, session, remote, command, timeout);
        table.put(session, p);
        timer.arm(p, timeout);
        try {
            start.accept(new ForeignReply(this, caller, session));
        } catch (RuntimeException e) {
            if (table.remove(session, p)) {
                p.fail(e);
            }
        }
        return p.mono();
    }

    /** Answers a foreign call: from any thread, once; a reply after the deadline is dropped and counted. */
    private static final class ForeignReply implements Responder {
        private final Node node;
        private final ServiceCell caller;
        private final int session;
        private final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();

        ForeignReply(Node node, ServiceCell caller, int session) {
            this.node = node;
            this.caller = caller;
            this.session = session;
        }

        @Override
        public void reply(Object value) {
            claim();
            if (caller != null) {
                caller.post(Message.response(session, value));
                return;
            }
            PendingCall p = node.external.remove(session);
            if (p == null) {
                node.externalLateReplies.incrementAndGet();
            } else {
                p.complete(value);
            }
        }

        @Override
        public void fail(String reason) {
            fail(new ServiceException(reason));
        }

        @Override
        public void fail(Throwable error) {
            claim();
            if (caller != null) {
                caller.post(Message.error(session, error));
                return;
            }
            PendingCall p = node.external.remove(session);
            if (p == null) {
                node.externalLateReplies.incrementAndGet();
            } else {
                p.fail(error);
            }
        }

        @Override
        public boolean isOpen() {
            if (answered.get()) {
                return false;
            }
            return caller == null ? node.external.containsKey(session)
                    : caller.state != ServiceCell.DEAD && caller.hasPending(session);
        }

        private void claim() {
            if (!answered.compareAndSet(false, true)) {
                throw new IllegalStateException("Can't response more than once (session " + session + ")");
            }
        }
    }

    /** Sends a request and registers its pending reply; a refusal fails the returned call at once. */
    PendingCall startCall(ServiceCell caller, ServiceCell target, String command, Object[] args, Duration timeout) {
        Map<Integer, PendingCall> table = caller == null ? external : caller.pending();
        int session = caller == null ? nextExternalSession() : caller.nextSession();
        PendingCall p = new PendingCall(this, caller, session, target, command, timeout, target.stats,
                settings.profile() ? System.nanoTime() : 0);
        if (caller == null && closing) {
            p.refused(shuttingDown("call '" + command + "' to " + target.address));
            return p;
        }
        Object[] sent;
        try {
            sent = crossing(caller, target, args);
        } catch (MessageCopy.Refusal r) {
            p.refused(refused(target, command, r));
            return p;
        }
        table.put(session, p);
        timer.arm(p, timeout);
        ServiceException refusal = target.offerRequest(Message.request(caller, session, command, sent));
        if (refusal != null && table.remove(session, p)) {
            p.refused(refusal);
        }
        return p;
    }

    /**
     * Round trip through {@code address}'s mailbox, answered by the runtime (a debug message, skynet's
     * PTYPE_DEBUG), so no handler has to know about it and no command name is taken from users.
     */
    public Mono<Duration> ping(Address address, Duration timeout) {
        return Mono.defer(() -> {
            ServiceCell target = cells.get(address.handle());
            if (target == null) {
                return Mono.error(invalidTarget(address.toString(), PING));
            }
            if (target.state == ServiceCell.DEAD) {
                return Mono.error(deadTarget(target, PING));
            }
            int session = nextExternalSession();
            PendingCall p = new PendingCall(this, null, session, target, PING, timeout, null, 0);
            external.put(session, p);
            timer.arm(p, timeout);
            long start = System.nanoTime();
            target.post(Message.debug(session, PING));
            // post drops mail for a dead service: without this the ping would wait for its deadline
            if (target.state == ServiceCell.DEAD && external.remove(session, p)) {
                p.fail(deadTarget(target, PING));
            }
            return p.mono().then(Mono.fromSupplier(() -> Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    void expire(ServiceCell caller, PendingCall p) {
        if (caller == null) {
            if (external.remove(p.session, p)) {
                p.timedOut();
            }
        } else {
            caller.postTask(() -> {
                if (caller.pending().remove(p.session, p)) {
                    p.timedOut();
                }
            });
        }
    }

    /** Forgets a pending call: its late reply, if any, is dropped and counted. */
    void abandon(ServiceCell caller, PendingCall p) {
        Map<Integer, PendingCall> table = caller == null ? external : caller.pending();
        if (table.remove(p.session, p)) {
            p.cancelDeadline();
        }
    }

    private int nextExternalSession() {
        for (;;) {
            int s = externalSessions.incrementAndGet() & 0x7FFFFFFF;
            if (s != 0 && !external.containsKey(s)) {
                return s;
            }
        }
    }

    void respond(ServiceCell owner, Message request, Object value) {
        if (request.session == 0) {
            return;
        }
        ServiceCell to = request.sourceCell;
        if (value != null && owner.copies && to != owner) {
            try {
                value = MessageCopy.reply(value);
            } catch (MessageCopy.Refusal r) {
                incidents.warn("message.refused", owner.address, "reply of '{}' to {} refused: {}", request.command,
                        request.sourceAddress(), r.getMessage());
                respondError(owner, request, new ServiceException(owner.address, owner.displayName(), request.command,
                        "reply refused: " + r.getMessage() + MessageCopy.FIX, null));
                return;
            }
        }
        if (to != null) {
            to.post(Message.response(request.session, value));
            return;
        }
        PendingCall p = external.remove(request.session);
        if (p == null) {
            externalLateReplies.incrementAndGet();
        } else {
            p.complete(value);
        }
    }

    void respondError(ServiceCell owner, Message request, Throwable error) {
        if (request.session == 0) {
            return;
        }
        // the handler's own exception stays the cause, so a caller on this node can act on its type; a
        // subclass (a cluster call's failure, say) already says where it failed and passes as it is
        ServiceException e = error instanceof ServiceException se
                && (se.target() != null || se.getClass() != ServiceException.class) ? se
                : new ServiceException(owner.address, owner.displayName(), request.command, reasonOf(error), error);
        ServiceCell to = request.sourceCell;
        if (to != null) {
            to.post(Message.error(request.session, e));
            return;
        }
        PendingCall p = external.remove(request.session);
        if (p == null) {
            externalLateReplies.incrementAndGet();
        } else {
            p.fail(e);
        }
    }

    boolean requesterAlive(Message request) {
        ServiceCell from = request.sourceCell;
        if (from == null) {
            return external.containsKey(request.session);
        }
        return from.state != ServiceCell.DEAD && from.hasPending(request.session);
    }

    ServiceException deadTarget(ServiceCell target, String command) {
        return new ServiceException(target.address, target.displayName(), command,
                "service " + target.address + " has exited", null);
    }

    static ServiceException invalidTarget(String targetText, String command) {
        return new ServiceException(null, null, command, "call to invalid address " + targetText, null);
    }

    static String reasonOf(Throwable t) {
        if (t instanceof ServiceException se) {
            return se.reason() != null ? se.reason() : String.valueOf(se.getMessage());
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + m;
    }

    private ServiceException shuttingDown(String what) {
        return new ServiceException(what + " refused: the skynet runtime is shutting down");
    }

    // ---- time -------------------------------------------------------------------------------

    /** Runs {@code task} inside {@code cell} after {@code delay}. */
    TimerWheel.Alarm schedule(ServiceCell cell, Duration delay, Runnable task) {
        return timer.schedule(delay, () -> cell.postTask(task));
    }

    long now() {
        return (System.nanoTime() - startNanos) / 10_000_000L;
    }

    long starttime() {
        return startEpochSeconds;
    }

    // ---- node resources ---------------------------------------------------------------------

    /**
     * The node's one instance of {@code type}, made by {@code factory} on first use and closed when
     * the node shuts down (after every service has exited). For things a whole node shares, such as
     * the socket driver's event loops.
     */
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> factory) {
        if (closed) {
            throw new IllegalStateException("the skynet runtime is shut down; no " + type.getSimpleName());
        }
        return type.cast(resources.computeIfAbsent(type, t -> factory.get()));
    }

    /** The node's instance of {@code type} if one was made; never makes one. */
    public <T extends AutoCloseable> Optional<T> existingResource(Class<T> type) {
        return Optional.ofNullable(type.cast(resources.get(type)));
    }

    private void closeResources() {
        for (AutoCloseable r : resources.values()) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("skynet shutdown: closing {} failed: {}", r.getClass().getSimpleName(), e.toString(), e);
            }
        }
        resources.clear();
    }

    // ---- env --------------------------------------------------------------------------------

    String getenv(String key) {
        return env.get(key);
    }

    void setenv(String key, String value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("setenv needs a key and a value");
        }
        if (env.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("Can't setenv exist key : " + key);
        }
    }

    // ---- statistics -------------------------------------------------------------------------

    /** A snapshot of every live service. */
    public List<ServiceStats> services() {
        List<ServiceStats> out = new ArrayList<>();
        for (ServiceCell c : cells.values()) {
            out.add(ServiceStats.of(c));
        }
        out.sort((a, b) -> a.address().compareTo(b.address()));
        return out;
    }

    /** One service's snapshot, if it is alive. */
    public ServiceStats service(Address address) {
        ServiceCell c = cells.get(address.handle());
        return c == null ? null : ServiceStats.of(c);
    }

    /** Visits every live service's template and mailbox length without copying its stats: cheap enough per scrape. */
    public void forEachMailbox(ObjIntConsumer<String> visitor) {
        for (ServiceCell c : cells.values()) {
            visitor.accept(c.templateName, c.mailboxSize());
        }
    }

    /** Counters per template, for meters. */
    public List<TemplateStats> templates() {
        List<TemplateStats> out = new ArrayList<>(templateStats.values());
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Adds {@code observer} and replays every template and command counted so far to it. */
    public void observe(ServiceObserver observer) {
        observers.add(observer);
        for (TemplateStats t : templates()) {
            t.replay(observer);
        }
    }

    /** The messages workers are inside now. */
    public List<RunningMessage> running() {
        return monitor.running();
    }

    /** Messages that ran past the endless-loop threshold since start. */
    public long endlessCount() {
        return monitor.count();
    }

    public long externalLateReplies() {
        return externalLateReplies.get();
    }

    // ---- shutdown ---------------------------------------------------------------------------

    public boolean isClosing() {
        return closing;
    }

    /** Whether the workers have stopped. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new messages from outside, lets mailboxes drain for up to {@code grace}, runs every
     * service's exit, then stops the workers. What counts as work still queued: {@link QuietWatch}.
     */
    public void shutdown(Duration grace) {
        if (closed) {
            return;
        }
        closing = true;
        long deadline = System.nanoTime() + grace.toNanos();
        boolean quiet = new QuietWatch(cells, workers.watches(), external, templateStats.values()).await(deadline);
        if (!quiet) {
            log.warn("skynet shutdown: grace period of {} ms ended with work still queued", grace.toMillis());
        }
        for (ServiceCell c : cells.values()) {
            c.post(Message.exit());
        }
        long exitDeadline = System.nanoTime() + Math.max(grace.toNanos(), 1_000_000_000L);
        while (!cells.isEmpty() && System.nanoTime() < exitDeadline) {
            LockSupport.parkNanos(5_000_000L);
        }
        closed = true;
        closeResources();
        monitor.stop();
        workers.stop(1000);
        timer.close();
        for (PendingCall p : external.values()) {
            p.fail(shuttingDown("call '" + p.command + "' to " + (p.target == null ? "another node" : p.target.address)));
        }
        external.clear();
    }
}

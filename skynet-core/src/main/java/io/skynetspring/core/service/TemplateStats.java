package io.skynetspring.core.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of every service made from one template: the bounded-cardinality view that meters are
 * built on (per-service numbers are in {@link ServiceStats}). Command names usually come from code,
 * but a caller can send any string, so at most {@link #COMMAND_LIMIT} distinct commands are timed
 * per template and the rest are folded into {@link #OTHER}.
 *
 * <pre>{@code runtime.templates().forEach(t -> log.info("{}: {} alive", t.name(), t.alive()));}</pre>
 */
public final class TemplateStats {

    public static final int COMMAND_LIMIT = 100;
    public static final String OTHER = "other";

    private final String name;
    private final List<ServiceObserver> observers;
    /** This template's row in every worker's message counters. */
    final int id;
    private final MessageWatch[] workers;
    final AtomicInteger alive = new AtomicInteger();
    final LongAdder overloads = new LongAdder();
    final LongAdder endless = new LongAdder();
    private final LongAdder[] calls = adders(CallOutcome.values().length);
    private final LongAdder[] callNanos = adders(CallOutcome.values().length);
    private final Map<String, CommandStats> commands = new ConcurrentHashMap<>();
    private volatile boolean commandsFull;

    TemplateStats(String name, List<ServiceObserver> observers, int id, MessageWatch[] workers) {
        this.name = name;
        this.observers = observers;
        this.id = id;
        this.workers = workers;
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    public String name() {
        return name;
    }

    /** Services of this template alive now. */
    public int alive() {
        return alive.get();
    }

    public long messages(MessageKind kind) {
        long n = 0;
        for (MessageWatch w : workers) {
            n += w.counted(id, kind.ordinal());
        }
        return n;
    }

    /** "May overload" warnings logged by services of this template. */
    public long overloads() {
        return overloads.sum();
    }

    /** Messages that ran past the endless-loop threshold. */
    public long endless() {
        return endless.sum();
    }

    public long calls(CallOutcome outcome) {
        return calls[outcome.ordinal()].sum();
    }

    /** Summed latency of the calls that ended so; zero while profiling is off. */
    public long callNanos(CallOutcome outcome) {
        return callNanos[outcome.ordinal()].sum();
    }

    /** Timed commands, at most {@link #COMMAND_LIMIT} plus {@link #OTHER}. */
    public Collection<CommandStats> commands() {
        return List.copyOf(commands.values());
    }

    // ---- recording, on the hot path ---------------------------------------------------------

    void called(CallOutcome outcome, long nanos) {
        calls[outcome.ordinal()].increment();
        if (nanos > 0) {
            callNanos[outcome.ordinal()].add(nanos);
        }
    }

    /** The counters of {@code command}; a map read unless the command is new. */
    CommandStats command(String command) {
        if (command == null) {
            command = OTHER;
        }
        CommandStats c = commands.get(command);
        return c != null ? c : add(command);
    }

    private CommandStats add(String command) {
        if (commandsFull) {
            return commands.get(OTHER);
        }
        CommandStats added;
        synchronized (this) {
            CommandStats c = commands.get(command);
            if (c != null) {
                return c;
            }
            if (commands.size() >= COMMAND_LIMIT && !command.equals(OTHER)) {
                commandsFull = true;
                c = commands.get(OTHER);
                if (c != null) {
                    return c;
                }
                command = OTHER;
            }
            added = new CommandStats(command);
            commands.put(command, added);
        }
        for (ServiceObserver o : observers) {
            o.commandAdded(this, added);
        }
        return added;
    }

    /** For an observer added late: the commands timed so far. */
    void replay(ServiceObserver observer) {
        observer.templateAdded(this);
        for (CommandStats c : commands()) {
            observer.commandAdded(this, c);
        }
    }
}

package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.CallOutcome;
import io.skynetspring.core.service.CommandStats;
import io.skynetspring.core.service.MessageKind;
import io.skynetspring.core.service.ServiceObserver;
import io.skynetspring.core.service.TemplateStats;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * skynet's runtime as Micrometer meters. Every meter reads counters the runtime keeps anyway
 * (function counters, function timers, gauges), so nothing is recorded into Micrometer per message.
 * Tags are bounded: template names come from code, command names are capped per template by the
 * runtime, kinds and outcomes are fixed sets; no address or user data becomes a tag. Gauges carry
 * no base unit, so Prometheus names stay as written ({@code skynet_mailbox_length}).
 *
 * <pre>{@code new SkynetMeters(runtime, 10, List.of()).bindTo(registry);}</pre>
 */
public class SkynetMeters implements MeterBinder {

    private final SkynetRuntime runtime;
    private final MailboxCensus census;
    private final List<OpenSockets> sockets;

    public SkynetMeters(SkynetRuntime runtime, int mailboxTop, List<OpenSockets> sockets) {
        this.runtime = runtime;
        this.census = new MailboxCensus(runtime, mailboxTop);
        this.sockets = List.copyOf(sockets);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (int rank = 1; rank <= census.top(); rank++) {
            int r = rank;
            Gauge.builder("skynet.mailbox.top", census, c -> c.ranked(r))
                    .description("Length of the rank-th longest mailbox of the node (addresses: the skynet endpoint)")
                    .tag("rank", Integer.toString(rank)).strongReference(true).register(registry);
        }
        Gauge.builder("skynet.workers.stuck", runtime, SkynetMeters::stuckWorkers)
                .description("Workers inside one message longer than the endless-loop threshold")
                .strongReference(true).register(registry);
        if (!sockets.isEmpty()) {
            Gauge.builder("skynet.sockets.open", sockets, SkynetMeters::openSockets)
                    .description("Open TCP connections").strongReference(true)
                    .register(registry);
        }
        IncidentLog incidents = runtime.incidents();
        incidents.onKind(kind -> FunctionCounter.builder("skynet.incidents", incidents, log -> log.count(kind))
                .description("Refused, dropped and closed items (the log shows the first few per minute)")
                .tag("kind", kind).register(registry));
        runtime.observe(new ServiceObserver() {
            @Override
            public void templateAdded(TemplateStats template) {
                bindTemplate(registry, template);
            }

            @Override
            public void commandAdded(TemplateStats template, CommandStats command) {
                FunctionTimer.builder("skynet.handler.time", command, CommandStats::count, CommandStats::totalNanos,
                                TimeUnit.NANOSECONDS)
                        .description("Time handling requests (calls and sends), by command; needs skynet.profile")
                        .tags("template", template.name(), "command", command.command())
                        .register(registry);
            }
        });
    }

    private void bindTemplate(MeterRegistry registry, TemplateStats t) {
        String name = t.name();
        Gauge.builder("skynet.services", t, TemplateStats::alive)
                .description("Services alive").tag("template", name).strongReference(true)
                .register(registry);
        for (MessageKind kind : MessageKind.values()) {
            FunctionCounter.builder("skynet.messages", t, s -> s.messages(kind))
                    .description("Messages handled, by kind (call, send, response, error, task, init, exit, debug)")
                    .tags("template", name, "kind", kind.tag()).register(registry);
        }
        for (CallOutcome outcome : CallOutcome.values()) {
            FunctionTimer.builder("skynet.calls", t, s -> s.calls(outcome), s -> s.callNanos(outcome),
                            TimeUnit.NANOSECONDS)
                    .description("Calls to services of the template, by outcome; latency needs skynet.profile")
                    .tags("template", name, "outcome", outcome.tag()).register(registry);
        }
        FunctionCounter.builder("skynet.mailbox.overloads", t, TemplateStats::overloads)
                .description("\"May overload\" warnings").tag("template", name).register(registry);
        FunctionCounter.builder("skynet.messages.endless", t, TemplateStats::endless)
                .description("Messages that ran past the endless-loop threshold").tag("template", name)
                .register(registry);
        Gauge.builder("skynet.mailbox.length", census, c -> c.sum(name))
                .description("Queued messages over all services of the template").tag("template", name)
                .strongReference(true).register(registry);
        Gauge.builder("skynet.mailbox.length.max", census, c -> c.max(name))
                .description("The longest mailbox among services of the template").tag("template", name)
                .strongReference(true).register(registry);
    }

    private static double stuckWorkers(SkynetRuntime runtime) {
        long threshold = runtime.settings().endlessThreshold().toNanos();
        return runtime.running().stream().filter(r -> r.elapsed().toNanos() >= threshold).count();
    }

    private static double openSockets(List<OpenSockets> hooks) {
        long n = 0;
        for (OpenSockets h : hooks) {
            n += h.count();
        }
        return n;
    }
}

package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.ServiceObserver;
import io.skynetspring.core.service.TemplateStats;
import io.skynetspring.core.snax.Snax;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * snax method profiles as Micrometer timers: {@code skynet.snax.method} tagged {@code template}
 * ({@code snax.login}) and {@code method}, summed over the template's live services (and those that
 * ended), read from the node-wide profile snapshot at most once per {@code fresh}. Nothing is
 * recorded per call; snax measures every method call anyway. A template registered after binding
 * gets its timers at the next read of any of them.
 *
 * <pre>{@code new SnaxMeters(runtime, snax, Duration.ofSeconds(1)).bindTo(registry);}</pre>
 */
public class SnaxMeters implements MeterBinder {

    private static final String TEMPLATE_PREFIX = Snax.templateOf("");

    private final SkynetRuntime runtime;
    private final Snax snax;
    private final Duration fresh;
    /** Held here as well: a function timer holds what it reads only weakly. */
    private final List<SnaxTotals> bound = new CopyOnWriteArrayList<>();

    public SnaxMeters(SkynetRuntime runtime, Snax snax, Duration fresh) {
        this.runtime = runtime;
        this.snax = snax;
        this.fresh = fresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        SnaxTotals totals = new SnaxTotals(snax, System::nanoTime, fresh.toNanos(), (t, key) -> FunctionTimer.builder(
                        "skynet.snax.method", t, x -> x.count(key), x -> x.totalNanos(key), TimeUnit.NANOSECONDS)
                .description("Time in snax methods (the method's own time on the service's drain), by method")
                .tags("template", key.template(), "method", key.method())
                .register(registry));
        bound.add(totals);
        runtime.observe(new ServiceObserver() {
            @Override
            public void templateAdded(TemplateStats template) {
                if (template.name().startsWith(TEMPLATE_PREFIX)) {
                    totals.announce(template.name().substring(TEMPLATE_PREFIX.length()));
                }
            }
        });
        totals.refresh();
    }
}

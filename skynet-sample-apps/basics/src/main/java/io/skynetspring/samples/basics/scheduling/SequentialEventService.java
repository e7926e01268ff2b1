package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 3.3, events, as the Lua is: {@code wait_event} sleeps on a fresh token until
 * {@code fire_event} wakes it or the timeout passes, then returns what it found. Side by side with
 * {@link EventService}.
 *
 * <pre>{@code skynet.call(events, "wait_event", EventResult.class, "player_login", 500)}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "events-seq", sequential = true)
public class SequentialEventService {

    private static final class Event {
        Object value;
        boolean hasValue;
        final List<Object> waiters = new ArrayList<>();

        EventResult take() {
            EventResult r = new EventResult(true, value);
            value = null;
            hasValue = false;
            return r;
        }
    }

    private final ServiceContext ctx;
    private final Map<String, Event> events = new HashMap<>();

    public SequentialEventService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("wait_event")
    public EventResult waitEvent(String name, long timeoutCentiseconds) {
        Event event = events.computeIfAbsent(name, n -> new Event());
        if (event.hasValue) {
            return event.take();
        }
        Object token = new Object();
        event.waiters.add(token);
        ctx.await(ctx.sleep(Duration.ofMillis(timeoutCentiseconds * 10), token));
        event.waiters.remove(token);
        return event.hasValue ? event.take() : EventResult.TIMEOUT;
    }

    /** Stores the value and wakes every waiter; returns how many were woken. */
    @Command("fire_event")
    public int fireEvent(String name, Object value) {
        Event event = events.computeIfAbsent(name, n -> new Event());
        event.value = value;
        event.hasValue = true;
        int woken = 0;
        for (Object token : event.waiters) {
            if (ctx.wakeup(token)) {
                woken++;
            }
        }
        event.waiters.clear();
        return woken;
    }
}

package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 3.3, events: {@code wait_event} parks the request on a fresh token until {@code fire_event}
 * wakes it or the timeout passes; a value fired while nobody waits is kept for the next waiter.
 * As in the Lua, the first waiter to resume takes the value.
 *
 * <pre>{@code
 * Mono<EventResult> login = skynet.call(events, "wait_event", EventResult.class, "player_login", 500);
 * skynet.send(events, "fire_event", "player_login", Map.of("name", "Alice", "id", 1001));
 * }</pre>
 */
@SkynetService("events")
public class EventService {

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

    public EventService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("wait_event")
    public Mono<EventResult> waitEvent(String name, long timeoutCentiseconds) {
        Event event = events.computeIfAbsent(name, n -> new Event());
        if (event.hasValue) {
            return Mono.just(event.take());
        }
        Object token = new Object();
        event.waiters.add(token);
        return ctx.sleep(Duration.ofMillis(timeoutCentiseconds * 10), token).map(woken -> {
            event.waiters.remove(token);
            return event.hasValue ? event.take() : EventResult.TIMEOUT;
        });
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

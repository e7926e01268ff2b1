package io.skynetspring.core;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void shutdownDrainsQueuedMailRunsExitsAndRefusesNewMessages() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0));
        AtomicLong handled = new AtomicLong();
        ConcurrentLinkedQueue<String> exits = new ConcurrentLinkedQueue<>();
        rt.template("saver", ctx -> new ServiceHandler() {
            @Override
            public Object dispatch(String command, Object[] args) {
                handled.incrementAndGet();
                return null;
            }

            @Override
            public void exit() {
                exits.add("saved " + ctx.self());
            }
        });
        Address s = rt.newService("saver").block(WAIT);
        for (int i = 0; i < 10_000; i++) {
            rt.send(s, "dirty", i);
        }

        rt.shutdown(Duration.ofSeconds(5));

        assertThat(handled).hasValue(10_000);
        assertThat(exits).containsExactly("saved " + s);
        assertThat(rt.send(s, "dirty", 1)).isFalse();
        assertThatThrownBy(() -> rt.newService("saver").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("the skynet runtime is shutting down");
    }

    @Test
    void callsFromOutsideAreRefusedOnceShutdownBegins() {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(1, 64, 1024, Duration.ofSeconds(5), 0));
        rt.template("echo", ctx -> (c, a) -> a[0]);
        Address e = rt.newService("echo").block(WAIT);
        rt.shutdown(Duration.ofMillis(200));

        assertThatThrownBy(() -> rt.call(e, "x", 1).block(WAIT))
                .hasMessageContaining("shutting down");
    }
}

package io.skynetspring.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ThreadCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Code that leaves its service's thread by accident is told so, and the common needs have a service-safe form. */
class ServiceThreadTest extends RuntimeFixture {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");

    @BeforeEach
    void captureLogs() {
        logs.start();
        skynetLog.addAppender(logs);
    }

    @AfterEach
    void detach() {
        skynetLog.detachAppender(logs);
    }

    /** A handler that chains service code after Reactor's own timeout operator, which signals on a parallel thread. */
    private static Mono<Object> afterReactorTimeout(ServiceContext ctx) {
        return Mono.never().timeout(Duration.ofMillis(10))
                .onErrorResume(TimeoutException.class, e -> ctx.sleep(1).thenReturn("slept"));
    }

    @Test
    void aContextMethodCalledAfterAForeignOperatorFailsNamingTheFix() {
        rt.template("stray", ctx -> (cmd, args) -> afterReactorTimeout(ctx));
        Address a = rt.newService("stray").block(WAIT);

        assertThatThrownBy(() -> rt.call(a, "go").block(WAIT))
                .hasMessageContaining("ctx.sleep called on thread 'parallel-")
                .hasMessageContaining("outside service " + a)
                .hasMessageContaining("publishOn(ctx.scheduler())");
        assertThat(rt.incidents().count("service.foreign.thread")).isEqualTo(1);
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().startsWith("[" + a + "] ctx.sleep called on thread")
                && e.getThrowableProxy() != null);
        assertThat(rt.call(a, "still-alive").onErrorReturn("answered").block(WAIT)).isEqualTo("answered");
    }

    @Test
    void everyMethodThatTouchesTheServiceIsChecked() {
        rt.template("checked", ctx -> (cmd, args) -> cmd.equals("noop") ? null : Mono.delay(Duration.ofMillis(1)).map(x -> {
            StringBuilder failed = new StringBuilder();
            Runnable[] uses = {
                ctx::source, ctx::session, ctx::response, () -> ctx.sleep(1), () -> ctx.sleep(1, "t"),
                () -> ctx.timeout(1, () -> { }), () -> ctx.wait("w"), () -> ctx.wakeup("w"), ctx::yield,
                () -> ctx.blocking(() -> 1), () -> ctx.register(".x"),
                () -> ctx.call(ctx.self(), "noop"), () -> ctx.newService("checked"), ctx::request
            };
            for (Runnable use : uses) {
                try {
                    use.run();
                } catch (IllegalStateException e) {
                    failed.append(e.getMessage(), 0, e.getMessage().indexOf(" called")).append(' ');
                }
            }
            ctx.fork(() -> { });              // hand-offs stay allowed from anywhere
            ctx.send(ctx.self(), "noop");
            ctx.scheduler();
            return failed.toString().trim();
        }));
        Address a = rt.newService("checked").block(WAIT);

        assertThat(rt.call(a, "go").block(WAIT)).isEqualTo("ctx.source ctx.session ctx.response ctx.sleep ctx.sleep "
                + "ctx.timeout ctx.wait ctx.wakeup ctx.yield ctx.blocking ctx.register ctx.call/newService "
                + "ctx.call/newService ctx.call/newService");
    }

    @Test
    void aCallMadeInTheHandlerButSubscribedOnAForeignThreadStartsInsideTheService() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = rt.newService("echo").block(WAIT);
        rt.template("relay", ctx -> (cmd, args) -> {
            Mono<Object> reply = ctx.call(echo, "echo", "hi");          // made here, subscribed after the delay
            return Mono.delay(Duration.ofMillis(1)).then(reply)
                    .map(v -> v + " from " + Thread.currentThread().getName().startsWith("skynet-worker"));
        });
        Address relay = rt.newService("relay").block(WAIT);

        for (int i = 0; i < 200; i++) {
            assertThat(rt.call(relay, "go").block(WAIT)).isEqualTo("hi from true");
        }
        assertThat(rt.incidents().count("service.foreign.thread")).isZero();
    }

    @Test
    void publishOnTheServiceSchedulerBringsTheChainHome() {
        rt.template("homed", ctx -> (cmd, args) -> Mono.never().timeout(Duration.ofMillis(10))
                .publishOn(ctx.scheduler())
                .onErrorResume(TimeoutException.class, e -> ctx.sleep(1).thenReturn("slept at home")));
        Address a = rt.newService("homed").block(WAIT);

        assertThat(rt.call(a, "go").block(WAIT)).isEqualTo("slept at home");
        assertThat(rt.incidents().count("service.foreign.thread")).isZero();
    }

    @Test
    void theServiceSafeTimeoutFiresInsideTheServiceAndPassesValuesThrough() {
        rt.template("safe", ctx -> (cmd, args) -> switch (cmd) {
            case "late" -> ctx.timeout(Mono.never(), Duration.ofMillis(20))
                    .onErrorResume(TimeoutException.class, e -> ctx.sleep(1).thenReturn(
                            "timed out in " + ctx.self() + ": " + e.getMessage()));
            case "quick" -> ctx.timeout(ctx.sleep(1).thenReturn("in time"), 500L);
            default -> ctx.timeout(Mono.error(new IllegalStateException("boom")), Duration.ofSeconds(1));
        });
        Address a = rt.newService("safe").block(WAIT);

        assertThat(rt.call(a, "late").block(WAIT))
                .isEqualTo("timed out in " + a + ": no value within 20 ms (in service " + a + ")");
        assertThat(rt.call(a, "quick").block(WAIT)).isEqualTo("in time");
        assertThatThrownBy(() -> rt.call(a, "error").block(WAIT)).hasMessageContaining("boom");
        assertThat(rt.incidents().count("service.foreign.thread")).isZero();
    }

    @Test
    void warnModeLogsTheStackOnceAndCarriesOn() {
        try (SkynetRuntime warn = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0)
                .withThreadCheck(ThreadCheck.WARN), Duration.ofSeconds(2))) {
            warn.template("stray", ctx -> (cmd, args) -> afterReactorTimeout(ctx));
            Address a = warn.newService("stray").block(WAIT);

            assertThat(warn.call(a, "go").block(WAIT)).isEqualTo("slept");
            assertThat(warn.incidents().count("service.foreign.thread")).isEqualTo(1);
            assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("ctx.sleep called on thread"))
                    .hasSize(1).allMatch(e -> e.getThrowableProxy() != null);
        }
    }

    @Test
    void centisecondAndDurationFormsAgree() {
        rt.template("cs", ctx -> (cmd, args) -> ctx.sleep(2, "token").map(woken -> "woken=" + woken));
        Address a = rt.newService("cs").block(WAIT);

        assertThat(rt.withTimeout(300L).call(a, "go").block(WAIT)).isEqualTo("woken=false");
        assertThat(rt.request().add(a, "go").select(300L).map(r -> r.value()).blockFirst(WAIT)).isEqualTo("woken=false");
    }
}

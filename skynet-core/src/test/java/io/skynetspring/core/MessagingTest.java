package io.skynetspring.core;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final SkynetRuntime rt = SkynetRuntime.start(
            new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        rt.close();
    }

    /** The calculator of the seed, written against the bare core API. */
    private static ServiceHandler calculator() {
        return (cmd, args) -> switch (cmd) {
            case "add" -> (Long) args[0] + (Long) args[1];
            case "div" -> {
                if ((Long) args[1] == 0) {
                    throw new ServiceException("division by zero");
                }
                yield (Long) args[0] / (Long) args[1];
            }
            case "boom" -> throw new IllegalStateException("kaput");
            case "none" -> null;
            default -> throw new ServiceException("unknown command '" + cmd + "'");
        };
    }

    @Test
    void callReturnsTheHandlersValue() {
        rt.template("calc", ctx -> calculator());
        Address calc = rt.newService("calc").block(WAIT);

        assertThat(calc).isNotNull();
        assertThat(rt.call(calc, "add", 10L, 20L).block(WAIT)).isEqualTo(30L);
        assertThat(rt.call(calc, "add", Long.class, 1L, 2L).block(WAIT)).isEqualTo(3L);
        assertThat(rt.call(calc, "add", Integer.class, 1L, 2L).block(WAIT)).isEqualTo(3);
        assertThat(rt.call(calc, "none").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void handlerErrorReachesCallerNamingTargetAndCommandAndServiceKeepsServing() {
        rt.template("calc", ctx -> calculator());
        Address calc = rt.newService("calc").block(WAIT);

        assertThatThrownBy(() -> rt.call(calc, "div", 1L, 0L).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessage("call to " + calc + " (calc) command 'div' failed: division by zero")
                .satisfies(e -> {
                    ServiceException se = (ServiceException) e;
                    assertThat(se.target()).isEqualTo(calc);
                    assertThat(se.command()).isEqualTo("div");
                    assertThat(se.reason()).isEqualTo("division by zero");
                });
        assertThatThrownBy(() -> rt.call(calc, "boom").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("command 'boom'")
                .hasMessageContaining("IllegalStateException: kaput");
        assertThatThrownBy(() -> rt.call(calc, "nosuch").block(WAIT))
                .hasMessageContaining("unknown command 'nosuch'");

        assertThat(rt.call(calc, "div", 9L, 3L).block(WAIT)).isEqualTo(3L);
    }

    @Test
    void callToUnknownAddressOrNameFailsAtOnce() {
        assertThatThrownBy(() -> rt.call(Address.parse(":00007777"), "x").block(Duration.ofMillis(500)))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("call to invalid address :00007777");
        assertThatThrownBy(() -> rt.call(".nosuch", "x").block(Duration.ofMillis(500)))
                .hasMessageContaining("call to invalid address .nosuch");
        assertThat(rt.send(Address.parse(":00007777"), "x")).isFalse();
        assertThatThrownBy(() -> rt.send(Address.NONE, "x"))
                .hasMessageContaining("Invalid service address");
    }

    @Test
    void wrongReplyTypeIsAClearError() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = rt.newService("echo").block(WAIT);

        assertThat(rt.call(echo, "x", Long.class, 3.0).block(WAIT)).isEqualTo(3L);
        assertThatThrownBy(() -> rt.call(echo, "x", Long.class, 2.5).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("does not fit Long")
                .hasMessageContaining("no integer representation");
    }

    @Test
    void asyncRepliesFromMonoAndCompletionStage() {
        rt.template("async", ctx -> (cmd, args) -> switch (cmd) {
            case "mono" -> ctx.sleep(1).thenReturn("slept");
            case "stage" -> CompletableFuture.supplyAsync(() -> "staged");
            case "monoError" -> Mono.error(new ServiceException("async failure"));
            case "empty" -> Mono.empty();
            default -> null;
        });
        Address a = rt.newService("async").block(WAIT);

        assertThat(rt.call(a, "mono").block(WAIT)).isEqualTo("slept");
        assertThat(rt.call(a, "stage").block(WAIT)).isEqualTo("staged");
        assertThat(rt.call(a, "empty").blockOptional(WAIT)).isEmpty();
        assertThatThrownBy(() -> rt.call(a, "monoError").block(WAIT)).hasMessageContaining("async failure");
    }

    @Test
    void callTimesOutAndTheLateReplyIsDroppedAndCounted() {
        rt.template("slow", ctx -> (cmd, args) -> ctx.sleep(Duration.ofMillis(300)).thenReturn("late"));
        Address slow = rt.newService("slow").block(WAIT);

        assertThatThrownBy(() -> rt.withTimeout(Duration.ofMillis(50)).call(slow, "work").block(WAIT))
                .isInstanceOf(CallTimeoutException.class)
                .hasMessageContaining("command 'work'")
                .hasMessageContaining("no reply within 50 ms");
        await().atMost(WAIT).until(() -> rt.lateReplies() == 1);
        assertThat(rt.call(slow, "work").block(WAIT)).isEqualTo("late");
    }

    @Test
    void callsBetweenServicesTimeOutInsideTheCaller() {
        rt.template("slow", ctx -> (cmd, args) -> ctx.sleep(Duration.ofMillis(300)).thenReturn("late"));
        rt.template("caller", ctx -> (cmd, args) -> ctx.withTimeout(Duration.ofMillis(50))
                .call((Address) args[0], "work")
                .onErrorResume(CallTimeoutException.class, e -> Mono.just("timed out: " + e.reason())));
        Address slow = rt.newService("slow").block(WAIT);
        Address caller = rt.newService("caller").block(WAIT);

        assertThat(rt.call(caller, "go", slow).block(WAIT)).isEqualTo("timed out: no reply within 50 ms");
        await().atMost(WAIT).until(() -> rt.services().stream()
                .filter(s -> s.address().equals(caller)).findFirst().orElseThrow().lateReplies() == 1);
    }

    @Test
    void sendsFromOneSenderArriveInOrder() {
        List<Object> seen = new ArrayList<>();
        rt.template("collector", ctx -> (cmd, args) -> {
            if (cmd.equals("add")) {
                seen.add(args[0]);
                return null;
            }
            return new ArrayList<>(seen);
        });
        Address c = rt.newService("collector").block(WAIT);
        for (long i = 0; i < 1000; i++) {
            assertThat(rt.send(c, "add", i)).isTrue();
        }
        @SuppressWarnings("unchecked")
        List<Object> got = (List<Object>) rt.call(c, "get").block(WAIT);
        assertThat(got).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(got.get(i)).isEqualTo((long) i);
        }
    }

    @Test
    void namesResolveAndLocalNamesKeepTheirFirstBinding() {
        rt.template("echo", ctx -> (cmd, args) -> ctx.self().toString());
        Address a = rt.newService("echo").block(WAIT);
        Address b = rt.newService("echo").block(WAIT);
        rt.name(".echo", a);
        rt.name(".echo", b);
        rt.name("globalecho", a);

        assertThat(rt.call(".echo", "who").block(WAIT)).isEqualTo(a.toString());
        assertThat(rt.call(a.toString(), "who").block(WAIT)).isEqualTo(a.toString());
        assertThat(rt.resolve("globalecho")).contains(a);
        assertThatThrownBy(() -> rt.name("globalecho", b)).hasMessageContaining("already bound to " + a);
        assertThat(rt.send(".echo", "who")).isTrue();
    }
}

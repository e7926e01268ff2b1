package io.skynetspring.core;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.CallOutcome;
import io.skynetspring.core.service.CommandStats;
import io.skynetspring.core.service.MessageKind;
import io.skynetspring.core.service.ServiceObserver;
import io.skynetspring.core.service.ServiceStats;
import io.skynetspring.core.service.TemplateStats;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The counters meters are made from: per template (bounded) and per service (snapshots). */
class RuntimeStatsTest extends RuntimeFixture {

    private void echo() {
        rt.template("echo", ctx -> (cmd, args) -> switch (cmd) {
            case "fail" -> throw new ServiceException("no");
            case "never" -> Mono.never();
            default -> cmd;
        });
    }

    private TemplateStats template(String name) {
        return rt.templates().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void countsMessagesByKindCommandsAndCallOutcomesPerTemplate() {
        echo();
        Address a = rt.newService("echo").block(WAIT);
        Address b = rt.newService("echo").block(WAIT);
        assertThat(template("echo").alive()).isEqualTo(2);

        rt.call(a, "hello").block(WAIT);
        rt.call(b, "hello").block(WAIT);
        rt.send(a, "note");
        assertThatThrownBy(() -> rt.call(a, "fail").block(WAIT)).isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> rt.withTimeout(Duration.ofMillis(50)).call(b, "never").block(WAIT))
                .isInstanceOf(CallTimeoutException.class);

        TemplateStats t = template("echo");
        await().atMost(WAIT).until(() -> t.messages(MessageKind.SEND) == 1);
        assertThat(t.messages(MessageKind.CALL)).isEqualTo(4);
        assertThat(t.messages(MessageKind.INIT)).isEqualTo(2);
        assertThat(t.calls(CallOutcome.OK)).isEqualTo(2);
        assertThat(t.calls(CallOutcome.ERROR)).isEqualTo(1);
        assertThat(t.calls(CallOutcome.TIMEOUT)).isEqualTo(1);
        assertThat(t.callNanos(CallOutcome.TIMEOUT)).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(t.commands()).extracting(CommandStats::command)
                .containsExactlyInAnyOrder("hello", "note", "fail", "never");
        CommandStats hello = t.commands().stream().filter(c -> c.command().equals("hello")).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> hello.count() == 2);
        assertThat(hello.totalNanos()).isPositive();

        await().atMost(WAIT).until(() -> rt.service(a).orElseThrow().maxBusy().compareTo(Duration.ZERO) > 0);
        ServiceStats sa = rt.service(a).orElseThrow();
        assertThat(sa.template()).isEqualTo("echo");
        assertThat(sa.processed()).isEqualTo(4);   // init, hello, note, fail
        assertThat(sa.busy()).isPositive();
        assertThat(sa.maxBusy()).isPositive().isLessThanOrEqualTo(sa.busy());
        assertThat(sa.started()).isNotNull();

        rt.kill(a);
        await().atMost(WAIT).until(() -> template("echo").alive() == 1);
        assertThat(rt.service(a)).isEmpty();
    }

    @Test
    void commandNamesFromCallersAreCappedPerTemplate() {
        echo();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        rt.observe(new ServiceObserver() {
            @Override
            public void commandAdded(TemplateStats template, CommandStats command) {
                seen.add(command.command());
            }
        });
        Address a = rt.newService("echo").block(WAIT);
        for (int i = 0; i < TemplateStats.COMMAND_LIMIT + 50; i++) {
            rt.call(a, "cmd" + i).block(WAIT);
        }

        List<CommandStats> commands = List.copyOf(template("echo").commands());
        assertThat(commands).hasSize(TemplateStats.COMMAND_LIMIT + 1);
        CommandStats other = commands.stream().filter(c -> c.command().equals(TemplateStats.OTHER)).findFirst()
                .orElseThrow();
        // the reply goes out from inside the handler, before the handler's time is recorded
        await().atMost(WAIT).until(() -> other.count() == 50);
        assertThat(seen).hasSize(TemplateStats.COMMAND_LIMIT + 1).contains(TemplateStats.OTHER);
    }

    @Test
    void pingIsAnsweredByTheRuntimeNotTheHandler() {
        rt.template("mute", ctx -> (cmd, args) -> {
            throw new ServiceException("handler reached with " + cmd);
        });
        Address mute = rt.newService("mute").block(WAIT);

        Duration rtt = rt.ping(mute).block(WAIT);

        assertThat(rtt).isPositive().isLessThan(WAIT);
        assertThat(stats(mute).errors()).isZero();
        assertThat(template("mute").messages(MessageKind.DEBUG)).isEqualTo(1);
        assertThat(template("mute").calls(CallOutcome.OK)).as("ping is not a user call").isZero();

        rt.kill(mute);
        await().atMost(WAIT).until(() -> rt.service(mute).isEmpty());
        assertThatThrownBy(() -> rt.ping(mute).block(WAIT)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("invalid address");
    }

    @Test
    void profilingOffKeepsCountsButNoTimes() {
        try (SkynetRuntime quiet = SkynetRuntime.start(rt.settings().withProfile(false), Duration.ofSeconds(2))) {
            quiet.template("echo", ctx -> (cmd, args) -> cmd);
            Address a = quiet.newService("echo").block(WAIT);
            quiet.call(a, "hello").block(WAIT);

            TemplateStats t = quiet.templates().get(0);
            assertThat(t.messages(MessageKind.CALL)).isEqualTo(1);
            assertThat(t.calls(CallOutcome.OK)).isEqualTo(1);
            assertThat(t.callNanos(CallOutcome.OK)).isZero();
            assertThat(t.commands()).isEmpty();
            assertThat(quiet.service(a).orElseThrow().busy()).isZero();
        }
    }
}

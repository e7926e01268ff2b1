package io.skynetspring.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.message.MailboxFullException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailboxTest extends RuntimeFixture {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);

    @BeforeEach
    void captureLogs() {
        logs.start();
        skynetLog.addAppender(logs);
    }

    @AfterEach
    void releaseAndDetach() {
        release.countDown();
        skynetLog.detachAppender(logs);
    }

    /** A service whose first message holds its worker until released, so that mail piles up. */
    private ServiceTemplate gated(MailboxLimit limit, List<Object> seen) {
        return new ServiceTemplate() {
            @Override
            public ServiceHandler create(io.skynetspring.core.service.ServiceContext ctx) {
                return (cmd, args) -> {
                    if (cmd.equals("hold")) {
                        holding.countDown();
                        release.await(); // stands in for a slow handler
                        return null;
                    }
                    if (cmd.equals("seen")) {
                        return new ArrayList<>(seen);
                    }
                    seen.add(args.length > 0 ? args[0] : cmd);
                    return cmd;
                };
            }

            @Override
            public MailboxLimit mailboxLimit() {
                return limit;
            }
        };
    }

    private Address holdingService(String name, MailboxLimit limit, List<Object> seen) throws InterruptedException {
        rt.template(name, gated(limit, seen));
        Address a = rt.newService(name).block(WAIT);
        rt.send(a, "hold");
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return a;
    }

    @Test
    void overloadWarningsDoubleTheirThresholdAndAreCounted() throws InterruptedException {
        Address a = holdingService("busy", MailboxLimit.UNBOUNDED, new ArrayList<>());
        for (int i = 0; i < 5000; i++) {
            rt.send(a, "work", i);
        }
        var seen = rt.call(a, "seen").toFuture();
        release.countDown();
        seen.join();

        List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("May overload")).toList();
        assertThat(warnings).containsExactly("[" + a + "] May overload, message queue length = 5000");
        assertThat(stats(a).overloadWarnings()).isEqualTo(1);
        assertThat(stats(a).processed()).isEqualTo(5002 + 1);
    }

    @Test
    void boundedMailboxRejectsNewMessagesWithAnErrorToTheSender() throws InterruptedException {
        List<Object> seen = new ArrayList<>();
        Address a = holdingService("bounded", MailboxLimit.of(3), seen);
        assertThat(rt.send(a, "m", 1)).isTrue();
        assertThat(rt.send(a, "m", 2)).isTrue();
        var accepted = rt.call(a, "m", 3).toFuture();

        assertThat(rt.send(a, "m", 4)).isFalse();
        assertThatThrownBy(() -> rt.call(a, "m", 5).block(WAIT))
                .isInstanceOf(MailboxFullException.class)
                .hasMessageContaining("mailbox full (3 messages)");

        release.countDown();
        assertThat(accepted.join()).isEqualTo("m");
        assertThat(rt.call(a, "seen").block(WAIT)).isEqualTo(List.of(1, 2, 3));
        assertThat(stats(a).refused()).isEqualTo(2);
        assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("[" + a + "] mailbox full"));
    }

    @Test
    void dropOldestSendMakesRoomButNeverDropsACall() throws InterruptedException {
        List<Object> seen = new ArrayList<>();
        Address a = holdingService("lossy", MailboxLimit.of(3, MailboxLimit.Overflow.DROP_OLDEST_SEND), seen);
        var call1 = rt.call(a, "m", "call-1").toFuture();
        assertThat(rt.send(a, "m", "send-1")).isTrue();
        assertThat(rt.send(a, "m", "send-2")).isTrue();
        assertThat(rt.send(a, "m", "send-3")).isTrue();   // drops send-1
        var call2 = rt.call(a, "m", "call-2").toFuture(); // drops send-2
        var call3 = rt.call(a, "m", "call-3").toFuture(); // drops send-3
        var call4 = rt.call(a, "m", "call-4").toFuture(); // nothing left to drop: refused

        assertThatThrownBy(call4::join).hasCauseInstanceOf(MailboxFullException.class);
        release.countDown();
        assertThat(call1.join()).isEqualTo("m");
        assertThat(call2.join()).isEqualTo("m");
        assertThat(call3.join()).isEqualTo("m");
        assertThat(rt.call(a, "seen").block(WAIT)).isEqualTo(List.of("call-1", "call-2", "call-3"));
        assertThat(stats(a).dropped()).isEqualTo(3);
        assertThat(stats(a).refused()).isEqualTo(1);
    }

    @Test
    void aFloodOfRefusedSendsIsCountedInFullButLogsOnlyTheFirstFew() throws InterruptedException {
        Address a = holdingService("flooded", MailboxLimit.of(2), new ArrayList<>());
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            if (!rt.send(a, "m", i)) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(20_000 - 2);
        assertThat(stats(a).refused()).isEqualTo(refused);
        assertThat(rt.incidents().count("mailbox.refused")).isEqualTo(refused);
        long lines = logs.list.stream().filter(e -> e.getFormattedMessage().contains("mailbox full")).count();
        assertThat(lines).isEqualTo(IncidentLog.DEFAULT_BURST);
    }
}

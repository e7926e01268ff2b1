package io.skynetspring.core.incident;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentLogTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("incident-log-test");
    private final AtomicLong clock = new AtomicLong();
    private final IncidentLog log = new IncidentLog(logger, 3, Duration.ofMinutes(1), clock::get);
    private final Address a = Address.of(0, 10);
    private final Address b = Address.of(0, 11);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsTheFirstFewPerKindAndServiceThenSummarisesTheRestWhenTheWindowEnds() {
        for (int i = 0; i < 100; i++) {
            log.warn("socket.refused", a, "refused {}", i);
        }
        log.warn("socket.refused", b, "refused {}", "b");
        log.warn("mailbox.refused", a, "full");

        assertThat(messages()).containsExactly("[" + a + "] refused 0", "[" + a + "] refused 1",
                "[" + a + "] refused 2", "[" + b + "] refused b", "[" + a + "] full");
        assertThat(log.count("socket.refused")).isEqualTo(101);
        assertThat(log.count("mailbox.refused")).isEqualTo(1);

        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        log.sweep();
        assertThat(messages()).hasSize(6).last().isEqualTo(
                "[" + a + "] socket.refused: 97 more in the last 60 s, not logged (see skynet.incidents)");

        log.warn("socket.refused", a, "refused {}", "again");
        assertThat(messages()).last().isEqualTo("[" + a + "] refused again");
    }

    @Test
    void theSummaryAlsoComesWithTheFirstIncidentOfTheNextWindow() {
        for (int i = 0; i < 5; i++) {
            log.warn("gate.refused", a, "refused {}", i);
        }
        clock.addAndGet(Duration.ofMinutes(2).toNanos());
        log.warn("gate.refused", a, "refused {}", "late");

        assertThat(messages()).containsSubsequence(
                "[" + a + "] gate.refused: 2 more in the last 60 s, not logged (see skynet.incidents)",
                "[" + a + "] refused late");
    }

    @Test
    void countOnlyKindsReachListenersOnceAndCountsAreSorted() {
        List<String> kinds = new ArrayList<>();
        log.record("socket.closed.slow");
        log.onKind(kinds::add);
        log.record("socket.closed.slow");
        log.record("gate.frame.timeout");

        assertThat(kinds).containsExactly("socket.closed.slow", "gate.frame.timeout");
        assertThat(log.counts()).containsExactly(
                java.util.Map.entry("gate.frame.timeout", 1L), java.util.Map.entry("socket.closed.slow", 2L));
        assertThat(messages()).isEmpty();
    }

    @Test
    void manyServicesShareOneWindowPerKindPastTheBound() {
        for (int i = 0; i < IncidentLog.MAX_WINDOWS + 50; i++) {
            log.warn("ws.closed.slow", Address.of(0, 100 + i), "closed");
        }
        assertThat(log.count("ws.closed.slow")).isEqualTo(IncidentLog.MAX_WINDOWS + 50);
        assertThat(messages()).hasSize(IncidentLog.MAX_WINDOWS + 3);
    }
}

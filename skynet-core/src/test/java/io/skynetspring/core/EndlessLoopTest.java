package io.skynetspring.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.RunningMessage;
import io.skynetspring.core.service.TemplateStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** skynet's monitor: a message running past the threshold is reported once, counted, and its end logged. */
class EndlessLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");
    private SkynetRuntime rt;

    @BeforeEach
    void captureLog() {
        logged.start();
        skynetLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        skynetLog.detachAppender(logged);
        if (rt != null) {
            rt.close();
        }
    }

    @ParameterizedTest(name = "profile={0}")
    @ValueSource(booleans = {true, false})
    void aSpinningHandlerIsReportedOnceAndItsEndLogged(boolean profile) {
        rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(10), 0)
                .withProfile(profile).withEndlessThreshold(Duration.ofMillis(200)), Duration.ofSeconds(2));
        CountDownLatch release = new CountDownLatch(1);
        rt.template("spinner", ctx -> (cmd, args) -> {
            // busy, not parked: what an endless loop looks like to the monitor
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
            return "done";
        });
        Address spinner = rt.newService("spinner").block(WAIT);

        rt.send(spinner, "spin");

        // the monitor counts before it logs: wait for the line
        await().atMost(WAIT).until(() -> rt.endlessCount() == 1 && !lines("maybe in an endless loop").isEmpty());
        assertThat(lines("maybe in an endless loop")).singleElement().asString()
                .contains("A message from [ :00000000 ] to [ " + spinner + " ]")
                .contains("'spin'")
                .containsPattern("running for \\d+ ms");
        List<RunningMessage> running = rt.running();
        assertThat(running).anySatisfy(r -> {
            assertThat(r.destination()).isEqualTo(spinner);
            assertThat(r.what()).isEqualTo("'spin'");
            assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        });
        TemplateStats stats = rt.templates().stream().filter(t -> t.name().equals("spinner")).findFirst().orElseThrow();
        assertThat(stats.endless()).isEqualTo(1);
        assertThat(rt.service(spinner).orElseThrow().endless()).isTrue();
        assertThat(lines("finished after")).isEmpty();

        release.countDown();

        await().atMost(WAIT).until(() -> !lines("finished after").isEmpty());
        assertThat(lines("finished after")).singleElement().asString().containsPattern("finished after (about )?\\d+ ms");
        assertThat(rt.call(spinner, "spin").block(WAIT)).isEqualTo("done");
        assertThat(rt.endlessCount()).as("reported once").isEqualTo(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rt.running()).noneSatisfy(r -> assertThat(r.destination()).isEqualTo(spinner)));
    }

    private List<String> lines(String fragment) {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(fragment)).toList();
    }
}

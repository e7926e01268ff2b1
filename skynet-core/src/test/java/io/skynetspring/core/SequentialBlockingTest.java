package io.skynetspring.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sequential handler that blocks outside ctx.await (a monitor, file I/O) holds its service's
 * drain, and so a worker, as a Mono-style handler would: the endless-loop monitor reports it.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class SequentialBlockingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");
    private final SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, Duration.ofSeconds(10), 0)
            .withEndlessThreshold(Duration.ofMillis(200)), Duration.ofSeconds(2));

    @BeforeEach
    void captureLog() {
        logged.start();
        skynetLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        skynetLog.detachAppender(logged);
        rt.close();
    }

    @Test
    void aHandlerWaitingOnAMonitorIsReportedByTheEndlessLoopMonitor() {
        Object lock = new Object();
        boolean[] released = {false};
        rt.template("holder", ServiceTemplate.sequential(ctx -> (c, a) -> {
            synchronized (lock) {
                while (!released[0]) {
                    lock.wait();
                }
            }
            return "released";
        }));
        Address holder = rt.newService("holder").block(WAIT);
        Mono<Object> call = rt.call(holder, "hold").cache();
        call.subscribe();

        // the monitor counts before it logs: wait for the line
        await().atMost(WAIT).until(() -> rt.endlessCount() == 1 && !lines("maybe in an endless loop").isEmpty());
        assertThat(lines("maybe in an endless loop")).singleElement().asString()
                .contains("to [ " + holder + " ]").contains("'hold'");
        synchronized (lock) {
            released[0] = true;
            lock.notifyAll();
        }
        assertThat(call.block(WAIT)).isEqualTo("released");
        await().atMost(WAIT).until(() -> !lines("finished after").isEmpty());
    }

    @Test
    void aHandlerBlockedInFileIoIsReportedWhileOtherServicesRun(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        rt.template("reader", ServiceTemplate.sequential(ctx -> (c, a) -> {
            try (FileInputStream in = new FileInputStream(fifo.toFile())) {
                return in.read();
            }
        }));
        rt.template("echo", ctx -> (c, a) -> a[0]);
        Address reader = rt.newService("reader").block(WAIT);
        Address echo = rt.newService("echo").block(WAIT);
        Mono<Object> call = rt.call(reader, "read").cache();
        call.subscribe();

        // the monitor counts before it logs: wait for the line
        await().atMost(WAIT).until(() -> rt.endlessCount() == 1 && !lines("maybe in an endless loop").isEmpty());
        assertThat(lines("maybe in an endless loop")).singleElement().asString().contains("'read'");
        assertThat(rt.call(echo, "echo", 7).block(WAIT)).as("the other worker still runs services").isEqualTo(7);
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write(42);
        }
        assertThat(call.block(WAIT)).isEqualTo(42);
    }

    private List<String> lines(String fragment) {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(fragment)).toList();
    }
}

package io.skynetspring.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the callee logs when a handler fails: an expected error (a {@link ServiceException}, which
 * reaches the caller anyway) one DEBUG line, or the template's level; anything else one WARN line
 * with the stack. Nothing else logs the same failure again: not a relaying caller, not Reactor.
 */
class ErrorLogTest extends RuntimeFixture {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");
    private Level skynetLevel;

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
        // DEBUG lines are only made when the logger is enabled for them
        skynetLevel = skynetLog.getLevel();
        skynetLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void detach() {
        root.detachAppender(logs);
        skynetLog.setLevel(skynetLevel);
    }

    /** Every line that mentions {@code text}, in its message or its stack. */
    private List<ILoggingEvent> linesAbout(String text) {
        return List.copyOf(logs.list).stream()
                .filter(e -> e.getFormattedMessage().contains(text)
                        || e.getThrowableProxy() != null && String.valueOf(e.getThrowableProxy().getMessage()).contains(text))
                .toList();
    }

    private static ServiceHandler failing(ServiceContext ctx) {
        return (command, args) -> switch (command) {
            case "expected" -> throw new ServiceException("no player " + args[0]);
            case "bug" -> throw new IllegalStateException("state broken " + args[0]);
            case "expected-async" -> Mono.error(new ServiceException("no player " + args[0]));
            // a stage chained after the failure hands it on wrapped in a CompletionException
            case "expected-stage" -> CompletableFuture.completedFuture(args[0]).thenApply(id -> {
                throw new ServiceException("no player " + id);
            });
            case "bug-async" -> Mono.error(new IllegalStateException("state broken " + args[0]));
            case "bug-stage" -> CompletableFuture.failedFuture(new IllegalStateException("state broken " + args[0]));
            default -> throw new ServiceException("unknown command " + command);
        };
    }

    @Test
    void anExpectedErrorIsOneDebugLineWithoutAStack() {
        rt.template("players", ErrorLogTest::failing);
        Address p = rt.newService("players").block(WAIT);

        assertThatThrownBy(() -> rt.call(p, "expected", 1001).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("no player 1001");
        assertThatThrownBy(() -> rt.call(p, "expected-async", 1002).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("no player 1002");

        assertThatThrownBy(() -> rt.call(p, "expected-stage", 1003).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("no player 1003");

        for (String player : List.of("no player 1001", "no player 1002", "no player 1003")) {
            await().atMost(WAIT).until(() -> !linesAbout(player).isEmpty());
            assertThat(linesAbout(player)).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getFormattedMessage()).startsWith("[" + p + "] command '");
            });
        }
    }

    @Test
    void aTemplateChoosesTheLevelOfItsExpectedErrors() {
        rt.template("loud", new ServiceTemplate() {
            @Override
            public ServiceHandler create(ServiceContext ctx) {
                return failing(ctx);
            }

            @Override
            public org.slf4j.event.Level errorLogLevel() {
                return org.slf4j.event.Level.INFO;
            }
        });
        Address p = rt.newService("loud").block(WAIT);

        assertThatThrownBy(() -> rt.call(p, "expected", 7).block(WAIT)).isInstanceOf(ServiceException.class);

        await().atMost(WAIT).until(() -> !linesAbout("no player 7").isEmpty());
        assertThat(linesAbout("no player 7")).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getThrowableProxy()).isNull();
        });
    }

    @Test
    void anUnexpectedExceptionIsOneWarnLineWithItsStackEvenThroughARelay() {
        rt.template("players", ErrorLogTest::failing);
        Address p = rt.newService("players").block(WAIT);
        // a service that relays calls: its caller's failure passes through it as a ServiceException
        rt.template("relay", ctx -> (command, args) -> ctx.call(p, command, args));
        Address relay = rt.newService("relay").block(WAIT);

        assertThatThrownBy(() -> rt.call(p, "bug", 1).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("state broken 1");
        assertThatThrownBy(() -> rt.call(p, "bug-async", 2).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("state broken 2");
        assertThatThrownBy(() -> rt.call(p, "bug-stage", 3).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("state broken 3");
        assertThatThrownBy(() -> rt.call(relay, "bug", 4).block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining("state broken 4");

        for (String n : List.of("1", "2", "3", "4")) {
            String text = "state broken " + n;
            await().atMost(WAIT).until(() -> !linesAbout(text).isEmpty());
            List<ILoggingEvent> lines = linesAbout(text);
            assertThat(lines).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.WARN);
                        assertThat(e.getThrowableProxy()).isNotNull();
                        assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
                        assertThat(e.getFormattedMessage()).startsWith("[" + p + "] error in command 'bug");
                    });
            // the relay passes the failure on as an expected error: at most its own DEBUG line, no stack
            assertThat(lines).filteredOn(e -> e.getThrowableProxy() == null)
                    .allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
        }
        assertThat(linesAbout("state broken 4")).filteredOn(e -> e.getLevel() == Level.DEBUG).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("[" + relay + "] command 'bug'"));
    }

    /**
     * A fork's failure reaches no caller, so the fork says so, once: a failed call in one line (the
     * callee logged the stack), a bug of its own with the stack.
     */
    @Test
    void aForkThatFailsSaysSoOnceAndTheStackIsLoggedWhereTheBugIs() {
        rt.template("players", ErrorLogTest::failing);
        Address p = rt.newService("players").block(WAIT);
        rt.template("saver", ctx -> (command, args) -> {
            switch (command) {
                case "save-via-call" -> ctx.forkAsync(() -> ctx.call(p, "bug", 5));
                case "save-own-bug" -> ctx.forkAsync(() -> Mono.error(new IllegalStateException("state broken 6")));
                default -> ctx.fork(() -> {
                    throw new IllegalStateException("state broken 7");
                });
            }
            return null;
        });
        Address saver = rt.newService("saver").block(WAIT);
        rt.send(saver, "save-via-call");
        rt.send(saver, "save-own-bug");
        rt.send(saver, "save-in-a-task");

        await().atMost(WAIT).until(() -> linesAbout("state broken 5").size() == 2);
        assertThat(linesAbout("state broken 5")).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN))
                .satisfiesExactlyInAnyOrder(
                        e -> {
                            assertThat(e.getFormattedMessage()).startsWith("[" + p + "] error in command 'bug'");
                            assertThat(e.getThrowableProxy()).isNotNull();
                        },
                        e -> {
                            assertThat(e.getFormattedMessage()).startsWith("[" + saver + "] a forked task of service saver failed: call to " + p);
                            assertThat(e.getThrowableProxy()).isNull();
                        });
        for (String text : List.of("state broken 6", "state broken 7")) {
            await().atMost(WAIT).until(() -> !linesAbout(text).isEmpty());
            assertThat(linesAbout(text)).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
                assertThat(e.getFormattedMessage()).startsWith("[" + saver + "] error in a ");
            });
        }
        assertThat(stats(saver).errors()).isEqualTo(3);
    }
}

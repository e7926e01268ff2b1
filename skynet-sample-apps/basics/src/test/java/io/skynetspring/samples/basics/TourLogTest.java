package io.skynetspring.samples.basics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log an operator reads when the app starts, runs its tours and stops: the tours' deliberate
 * errors (division by zero, an unknown command, an existing env key, ...) are told in one line each,
 * without a stack, and stopping with the ticker's periodic timer running does not warn of work left.
 */
class TourLogTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    /** Attaches the appender once Boot has set logging up (it resets appenders while doing so). */
    private final ApplicationListener<ApplicationEvent> capture = event -> {
        if (event instanceof ApplicationPreparedEvent) {
            logs.start();
            root.addAppender(logs);
        }
    };

    @Test
    void deliberateErrorsAreLoggedWithoutStacksAndStoppingDoesNotWarn() {
        SpringApplication app = new SpringApplication(BasicsApplication.class);
        app.addListeners(capture);
        try {
            try (ConfigurableApplicationContext context = app.run("--server.port=0", "--spring.main.keep-alive=false")) {
                assertThat(context.isActive()).isTrue();
            }
        } finally {
            root.detachAppender(logs);
        }
        List<ILoggingEvent> lines = List.copyOf(logs.list);

        assertThat(lines).as("lines with a stack trace").filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
        assertThat(messages(lines)).anyMatch(m -> m.equals("[1.1 calculator] 1 / 0 = error: division by zero"))
                .anyMatch(m -> m.startsWith("[1.1 calculator] pow 2 8 = error: unknown command 'pow'"))
                .anyMatch(m -> m.equals("[1.3 config] setenv db_host again -> error: Can't setenv exist key : db_host"))
                .anyMatch(m -> m.equals("skynet: stopped"));
        // the services' side of those errors is DEBUG: the runtime itself has nothing to warn about
        assertThat(lines).as("runtime warnings").filteredOn(e -> e.getLoggerName().equals("skynet")
                && e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    private static List<String> messages(List<ILoggingEvent> lines) {
        return lines.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}

package io.skynetspring.boot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The one line a {@code @SkynetService} logs when a command fails: a ServiceException (including a
 * wrong argument) at DEBUG, or the level of {@code @SkynetService(errorLogLevel)}, or that of
 * {@code skynet.error-log-level.<template>}; any other exception one WARN with the stack.
 */
class ErrorLogLevelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @SkynetService("shop")
    static class Shop {
        @Command
        public long buy(long item) {
            throw new ServiceException("out of stock: " + item);
        }

        @Command
        public long restock(long item) {
            throw new IllegalStateException("stock table corrupt at " + item);
        }
    }

    @SkynetService(value = "bank", errorLogLevel = org.slf4j.event.Level.INFO)
    static class Bank {
        @Command
        public long withdraw(long amount) {
            throw new ServiceException("insufficient funds for " + amount);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withBean(Shop.class)
            .withBean(Bank.class);

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger skynetLog = (Logger) LoggerFactory.getLogger("skynet");
    private Level skynetLevel;

    @BeforeEach
    void captureLogs() {
        logs.start();
        skynetLog.addAppender(logs);
        skynetLevel = skynetLog.getLevel();
        skynetLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void detach() {
        skynetLog.detachAppender(logs);
        skynetLog.setLevel(skynetLevel);
    }

    private ILoggingEvent theLineAbout(String text) {
        await().atMost(WAIT).until(() -> List.copyOf(logs.list).stream().anyMatch(e -> e.getFormattedMessage().contains(text)));
        List<ILoggingEvent> lines = List.copyOf(logs.list).stream()
                .filter(e -> e.getFormattedMessage().contains(text)).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    void expectedErrorsAreOneLineAtTheTemplatesLevelAndBugsOneWarnWithTheStack() {
        runner.run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Address shop = runtime.newService("shop").block(WAIT);
            Address bank = runtime.newService("bank").block(WAIT);

            assertThatThrownBy(() -> runtime.call(shop, "buy", 7).block(WAIT)).hasMessageContaining("out of stock: 7");
            assertThatThrownBy(() -> runtime.call(shop, "buy", "seven").block(WAIT))
                    .hasMessageContaining("string \"seven\" is not a number");
            assertThatThrownBy(() -> runtime.call(shop, "restock", 8).block(WAIT))
                    .hasMessageContaining("stock table corrupt at 8");
            assertThatThrownBy(() -> runtime.call(bank, "withdraw", 100).block(WAIT))
                    .hasMessageContaining("insufficient funds for 100");

            assertThat(theLineAbout("out of stock: 7")).satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(e.getThrowableProxy()).isNull();
            });
            // a wrong argument is the caller's mistake, told to the caller: an expected error too
            assertThat(theLineAbout("is not a number")).satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(e.getThrowableProxy()).isNull();
            });
            assertThat(theLineAbout("stock table corrupt at 8")).satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            });
            assertThat(theLineAbout("insufficient funds for 100").getLevel()).isEqualTo(Level.INFO);
        });
    }

    @Test
    void thePropertyOverridesTheAnnotation() {
        runner.withPropertyValues("skynet.error-log-level.shop=warn", "skynet.error-log-level.bank=debug").run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Address shop = runtime.newService("shop").block(WAIT);
            Address bank = runtime.newService("bank").block(WAIT);

            assertThatThrownBy(() -> runtime.call(shop, "buy", 9).block(WAIT)).isInstanceOf(ServiceException.class);
            assertThatThrownBy(() -> runtime.call(bank, "withdraw", 5).block(WAIT)).isInstanceOf(ServiceException.class);

            assertThat(theLineAbout("out of stock: 9").getLevel()).isEqualTo(Level.WARN);
            assertThat(theLineAbout("insufficient funds for 5").getLevel()).isEqualTo(Level.DEBUG);
        });
    }
}

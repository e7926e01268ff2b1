package io.skynetspring.boot;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.MailboxFullException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.MailboxLimit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A mailbox bound declared on the class, or overridden by {@code skynet.mailbox.<template>.*}. */
class MailboxBoundTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Holds the service's worker inside a message, so that later messages stay queued. */
    static class Latch {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    @SkynetService(value = "bounded", mailboxCapacity = 2)
    static class Bounded {
        private final Latch latch;
        private int handled;

        Bounded(Latch latch) {
            this.latch = latch;
        }

        @Command
        public void block() throws InterruptedException {
            latch.entered.countDown();
            latch.release.await(5, TimeUnit.SECONDS);
        }

        @Command
        public void work() {
            handled++;
        }

        @Command
        public int handled() {
            return handled;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Bounded.class, Latch.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withUserConfiguration(Config.class);

    /** Sends until refused while the service is held; returns how many were queued. */
    private static int fill(SkynetRuntime runtime, Address target, Latch latch) throws InterruptedException {
        runtime.send(target, "block");
        assertThat(latch.entered.await(5, TimeUnit.SECONDS)).isTrue();
        int queued = 0;
        while (queued < 100 && runtime.send(target, "work")) {
            queued++;
        }
        return queued;
    }

    @Test
    void theAnnotationBoundsTheMailbox() {
        runner.run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Latch latch = context.getBean(Latch.class);
            Address b = runtime.newService("bounded").block(WAIT);
            assertThat(fill(runtime, b, latch)).isEqualTo(2);
            assertThatThrownBy(() -> runtime.call(b, "handled").block(WAIT)).isInstanceOf(MailboxFullException.class);
            latch.release.countDown();
            await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(runtime.call(b, "handled").block(WAIT)));
        });
    }

    @Test
    void thePropertyOverridesTheAnnotation() {
        runner.withPropertyValues("skynet.mailbox.bounded.capacity=3",
                "skynet.mailbox.bounded.overflow=drop-oldest-send").run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Latch latch = context.getBean(Latch.class);
            Address b = runtime.newService("bounded").block(WAIT);
            runtime.send(b, "block");
            assertThat(latch.entered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                assertThat(runtime.send(b, "work")).isTrue();
            }
            assertThat(runtime.services()).filteredOn(s -> s.address().equals(b))
                    .singleElement().satisfies(s -> {
                        assertThat(s.mailbox()).isEqualTo(3);
                        assertThat(s.dropped()).isEqualTo(2);
                    });
            latch.release.countDown();
            await().atMost(WAIT).until(() -> Integer.valueOf(3).equals(runtime.call(b, "handled").block(WAIT)));
        });
    }
}

package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** @Init, @Exit, bootstrap services and the drained shutdown, as an application sees them. */
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A singleton the services use in their @Exit; it must still be alive then. */
    static class Journal implements DisposableBean {
        final List<String> entries = new CopyOnWriteArrayList<>();
        volatile boolean destroyed;

        void write(String entry) {
            entries.add(entry + (destroyed ? " (journal already destroyed)" : ""));
        }

        @Override
        public void destroy() {
            destroyed = true;
        }
    }

    /** Lets a test decide when a deferred reply completes. */
    static class Gate {
        final CompletableFuture<String> open = new CompletableFuture<>();
    }

    @SkynetService("tagged")
    static class Tagged {
        private final ServiceContext ctx;
        private final Journal journal;
        private final Gate gate;
        private String tag;
        private long n;

        Tagged(ServiceContext ctx, Journal journal, Gate gate) {
            this.ctx = ctx;
            this.journal = journal;
            this.gate = gate;
        }

        @Init
        public Mono<Void> start(String tag, long n) {
            this.tag = tag;
            this.n = n;
            // the creator resumes only after this completes, as after skynet.start's function returns
            return ctx.sleep(5).doOnSuccess(x -> journal.write("started " + tag));
        }

        @Command
        public String args() {
            return tag + " " + n;
        }

        @Command
        public CompletionStage<String> hold() {
            return gate.open;
        }

        @Exit
        public void bye() {
            journal.write("exit " + tag);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Tagged.class, Journal.class, Gate.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2", "skynet.shutdown-grace=5s")
            .withUserConfiguration(Config.class);

    @Test
    void initReceivesTheNewServiceArgumentsConvertedAndMayFinishLater() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Journal journal = context.getBean(Journal.class);
            Address t = skynet.newService("tagged", "alpha", "42").block(WAIT);
            assertThat(journal.entries).containsExactly("started alpha");
            assertThat(skynet.call(t, "args").block(WAIT)).isEqualTo("alpha 42");
        });
    }

    @Test
    void initArgumentsThatDoNotFitFailTheStart() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            assertThatThrownBy(() -> skynet.newService("tagged", "beta", "many").block(WAIT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("init service failed")
                    .hasMessageContaining("init parameter 2 (n): string \"many\" is not a number")
                    .hasMessageContaining("call it as start(String tag, long n)");
        });
    }

    @Test
    void exitRunsOnContextCloseWhileTheBeansItUsesAreStillAlive() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Journal journal = context.getBean(Journal.class);
            skynet.newService("tagged", "a", 1).block(WAIT);
            skynet.newService("tagged", "b", 2).block(WAIT);
            context.close();
            assertThat(journal.destroyed).isTrue();
            assertThat(journal.entries).contains("exit a", "exit b").hasSize(4);
        });
    }

    @Test
    void bootstrapServicesAreRunningAndNamedOnceTheContextIsReady() {
        runner.withPropertyValues("skynet.bootstrap[0].name=tagged", "skynet.bootstrap[0].args=first,1",
                "skynet.bootstrap[0].unique=true", "skynet.bootstrap[0].register=.first",
                "skynet.bootstrap[1].name=tagged", "skynet.bootstrap[1].args=second,2").run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            assertThat(runtime.services()).hasSize(2);
            assertThat(runtime.call(".first", "args").block(WAIT)).isEqualTo("first 1");
            Address unique = runtime.queryService("tagged").block(WAIT);
            assertThat(runtime.resolve(".first")).contains(unique);
            assertThat(context.getBean(Journal.class).entries).containsExactly("started first", "started second");
        });
    }

    @Test
    void closingRefusesNewMessagesButDrainsWhatIsInFlight() throws Exception {
        runner.run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Gate gate = context.getBean(Gate.class);
            Journal journal = context.getBean(Journal.class);
            Address t = runtime.newService("tagged", "t", 1).block(WAIT);
            CompletableFuture<Object> inFlight = runtime.call(t, "hold").toFuture();

            Thread closer = new Thread(context::close, "closer");
            closer.start();
            await().atMost(WAIT).until(runtime::isShuttingDown);

            assertThatThrownBy(() -> runtime.call(t, "args").block(WAIT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("refused: the skynet runtime is shutting down");
            assertThat(runtime.send(t, "args")).isFalse();
            assertThat(journal.entries).doesNotContain("exit t");

            gate.open.complete("released");
            assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("released");
            closer.join(WAIT.toMillis());
            assertThat(closer.isAlive()).isFalse();
            assertThat(journal.entries).contains("exit t");
            assertThatThrownBy(() -> runtime.call(t, "args").block(WAIT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("refused: the skynet runtime is shutting down");
        });
    }
}

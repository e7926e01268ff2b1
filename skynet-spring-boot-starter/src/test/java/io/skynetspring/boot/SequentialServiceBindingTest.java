package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @SkynetService(sequential = true)}: commands that wait and return plain values; refused before Java 21. */
class SequentialServiceBindingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2");

    @SkynetService("adder")
    static class Adder {
        @Command
        public long add(long a, long b) {
            return a + b;
        }
    }

    @SkynetService(value = "ledger", sequential = true)
    static class Ledger {
        private final ServiceContext ctx;
        private final List<String> entries = new ArrayList<>();
        private Address adder;

        Ledger(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Init
        public void start() {
            adder = ctx.await(ctx.newService("adder"));
        }

        @Command
        public long add(String who, long a, long b) {
            entries.add(who + " asks");
            ctx.await(ctx.sleep(1));
            long sum = ctx.callBlocking(adder, "add", Long.class, a, b);
            entries.add(who + " gets " + sum);
            return sum;
        }

        @Command
        public List<String> entries() {
            return List.copyOf(entries);
        }
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void aSequentialCommandWaitsForACallAndReturnsItsValue() {
        runner.withBean(Adder.class).withBean(Ledger.class).run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address ledger = skynet.newService("ledger").block(WAIT);
            assertThat(skynet.call(ledger, "add", Long.class, "ann", 2, 3).block(WAIT)).isEqualTo(5L);
            assertThat(skynet.call(ledger, "entries").block(WAIT)).isEqualTo(List.of("ann asks", "ann gets 5"));
        });
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void onJava17TheApplicationFailsToStartNamingTheTemplateAndTheJavaVersion() {
        runner.withBean(Adder.class).withBean(Ledger.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("service template 'ledger' is sequential")
                .hasMessageContaining("need Java 21 or later, but this JVM is Java " + Runtime.version()));
    }
}

package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.snax.SkynetSnaxAutoConfiguration;
import io.skynetspring.boot.snax.found.Counter;
import io.skynetspring.boot.snax.found.Greeting;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code skynet.snax.method}: one timer per snax template and method, summed over its services, never going down. */
class SnaxMetersTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class, SkynetSnaxAutoConfiguration.class,
                    SkynetMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withBean(Greeting.class, () -> new Greeting("hello"))
            .withUserConfiguration(Imported.class);

    @Configuration(proxyBeanMethods = false)
    @Import(Counter.class)
    static class Imported {
    }

    @Test
    void everyMethodOfARegisteredServiceHasATimerBeforeItRuns() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String method : new String[] {"add", "total", "greet", "whoami"}) {
                assertThat(timer(registry, method).count()).isZero();
            }
        });
    }

    @Test
    void callsOfAllServicesOfATemplateAddUpAndStayCountedAfterAServiceEnds() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Snax snax = context.getBean(Snax.class);
            SnaxHandle a = snax.newService(Counter.class).block(WAIT);
            SnaxHandle b = snax.newService(Counter.class).block(WAIT);
            for (int i = 0; i < 3; i++) {
                a.post("add", 1);
                b.post("add", 1);
            }
            a.req("total").block(WAIT);
            b.req("total").block(WAIT);

            await().atMost(WAIT).untilAsserted(() -> assertThat(timer(registry, "add").count()).isEqualTo(6));
            assertThat(timer(registry, "total").count()).isEqualTo(2);
            assertThat(timer(registry, "add").totalTime(TimeUnit.NANOSECONDS)).isPositive();

            context.getBean(SkynetRuntime.class).kill(a.address());
            await().atMost(WAIT).until(() -> snax.handle(a.address()).isEmpty());
            b.post("add", 1);
            b.req("total").block(WAIT);

            await().atMost(WAIT).untilAsserted(() -> assertThat(timer(registry, "add").count()).isEqualTo(7));
            assertThat(timer(registry, "total").count()).isEqualTo(3);
        });
    }

    @Test
    void aServiceRegisteredInCodeLaterGetsItsTimersAtTheNextRead() {
        runner.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Snax snax = context.getBean(Snax.class);
            SnaxHandle echo = snax.newService(Echo.class).block(WAIT);
            echo.req("echo", "x").block(WAIT);

            await().atMost(WAIT).untilAsserted(() -> {
                timer(registry, "add").count();   // a read of any snax timer looks for new ones
                assertThat(registry.find("skynet.snax.method").tags("template", "snax.echo", "method", "echo")
                        .functionTimer()).isNotNull()
                        .satisfies(t -> assertThat(t.count()).isEqualTo(1));
            });
        });
    }

    @io.skynetspring.core.snax.SnaxService("echo")
    public static class Echo {
        @io.skynetspring.core.snax.Response
        public String echo(String s) {
            return s;
        }
    }

    private static FunctionTimer timer(MeterRegistry registry, String method) {
        return registry.get("skynet.snax.method").tags("template", "snax.counter", "method", method).functionTimer();
    }
}

package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.Sockets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the starter registers for Actuator and Micrometer, and when it stays out of the way. */
class ActuatorAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                    SkynetMetricsAutoConfiguration.class, SkynetEndpointAutoConfiguration.class,
                    SkynetHealthAutoConfiguration.class))
            .withUserConfiguration(SpinnerConfig.class)
            .withPropertyValues("skynet.workers=2");

    private final ApplicationContextRunner withMetrics = runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
            SimpleMetricsExportAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    @Import(Spinner.class)
    static class SpinnerConfig {
    }

    @Test
    void noMeterRegistryMeansNoBinder() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MeterBinder.class)
                .doesNotHaveBean(SkynetMeters.class));
    }

    @Test
    void aMeterRegistryGetsTheRuntimesMetersAndTheyMove() {
        withMetrics.run(context -> {
            assertThat(context).hasSingleBean(SkynetMeters.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            Address a = rt.newService("spinner").block(WAIT);
            rt.call(a, "echo", "hi").block(WAIT);

            assertThat(registry.get("skynet.services").tag("template", "spinner").gauge().value()).isEqualTo(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.get("skynet.handler.time")
                    .tags("template", "spinner", "command", "echo").functionTimer().count()).isEqualTo(1));
            assertThat(registry.get("skynet.messages").tags("template", "spinner", "kind", "call")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("skynet.calls").tags("template", "spinner", "outcome", "ok")
                    .functionTimer().count()).isEqualTo(1);
            assertThat(registry.get("skynet.mailbox.length").tag("template", "spinner").gauge().value()).isZero();
            assertThat(registry.get("skynet.mailbox.top").tag("rank", "1").gauge()).isNotNull();
            assertThat(registry.get("skynet.sockets.open").gauge().value()).as("no socket used yet").isZero();
        });
    }

    @Test
    void incidentsOfEveryKindBecomeCountersAsTheyFirstOccur() {
        withMetrics.run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            rt.incidents().record("socket.closed.slow");
            rt.incidents().record("socket.closed.slow");
            rt.incidents().warn("gate.refused", Address.NONE, "refused {}", "a peer");

            assertThat(registry.get("skynet.incidents").tag("kind", "socket.closed.slow").functionCounter().count())
                    .isEqualTo(2);
            assertThat(registry.get("skynet.incidents").tag("kind", "gate.refused").functionCounter().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void theRuntimesSharedSocketDriverIsCounted() {
        withMetrics.run(context -> {
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            rt.template("dialer", ctx -> {
                Sockets sockets = Sockets.of(ctx);
                // listens, then connects to itself: one accepted and one dialled connection
                return (cmd, args) -> sockets.listen("127.0.0.1", 0).flatMap(l -> {
                    sockets.start(l, (conn, from) -> sockets.start(conn));
                    return sockets.open("127.0.0.1", l.port());
                }).thenReturn("connected");
            });
            Address dialer = rt.newService("dialer").block(WAIT);
            assertThat(rt.call(dialer, "dial").block(WAIT)).isEqualTo("connected");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(registry.get("skynet.sockets.open").gauge().value()).isEqualTo(2));
        });
    }

    @Test
    void anOpenSocketsHookFeedsTheSocketsGauge() {
        withMetrics.withBean(OpenSockets.class, () -> () -> 3).run(context -> assertThat(
                context.getBean(MeterRegistry.class).get("skynet.sockets.open").gauge().value()).isEqualTo(3));
    }

    @Test
    void theEndpointExistsOnlyOnceExposedAsBootsOwnDo() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SkynetEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=skynet")
                .run(context -> assertThat(context).hasSingleBean(SkynetEndpoint.class));
    }

    @Test
    void theEndpointListsAndDescribesServices() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=skynet").run(context -> {
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            Address a = rt.newService("spinner").block(WAIT);
            rt.name(".spinner", a);
            SkynetEndpoint endpoint = context.getBean(SkynetEndpoint.class);

            assertThat(endpoint.node().services()).extracting(ServiceDescriptor::address).contains(a.toString());
            ServiceDescriptor d = endpoint.service(a.toString());
            assertThat(d.template()).isEqualTo("spinner");
            assertThat(d.names()).containsExactly(".spinner");
            assertThat(d.messages()).isEqualTo(1);
            // the init message's time may still be landing, so the lookups are compared by address
            assertThat(endpoint.service(".spinner").address()).isEqualTo(d.address());
            assertThat(endpoint.service(Integer.toHexString(a.localId())).address()).isEqualTo(d.address());
            assertThat(endpoint.service(":00000fff")).isNull();
            assertThat(endpoint.service("garbage")).isNull();
        });
    }

    @Test
    void killIsRefusedUnlessEnabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=skynet").run(context -> {
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            Address a = rt.newService("spinner").block(WAIT);
            WebEndpointResponse<Object> refused = context.getBean(SkynetEndpoint.class).kill(a.toString());
            assertThat(refused.getStatus()).isEqualTo(403);
            assertThat(refused.getBody()).asString().contains("skynet.actuator.kill-enabled=true");
            assertThat(rt.service(a)).isPresent();
        });
        runner.withPropertyValues("management.endpoints.web.exposure.include=skynet",
                "skynet.actuator.kill-enabled=true").run(context -> {
            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            Address a = rt.newService("spinner").block(WAIT);
            WebEndpointResponse<Object> killed = context.getBean(SkynetEndpoint.class).kill(a.toString());
            assertThat(killed.getStatus()).isEqualTo(200);
            assertThat(((ServiceDescriptor) killed.getBody()).address()).isEqualTo(a.toString());
            await().atMost(WAIT).until(() -> rt.service(a).isEmpty());
            WebEndpointResponse<Object> nobody = context.getBean(SkynetEndpoint.class).kill(":00000fff");
            assertThat(nobody.getStatus()).isEqualTo(404);
            assertThat(nobody.getBody()).asString().contains("no service at :00000fff");
        });
    }

    @Test
    void healthIsDownWhileAWorkerIsStuckAndOnceTheRuntimeStops() {
        runner.withPropertyValues("skynet.actuator.stuck-message=200ms").run(context -> {
            HealthIndicator health = context.getBean("skynetHealthIndicator", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            SkynetRuntime rt = context.getBean(SkynetRuntime.class);
            Address a = rt.newService("spinner").block(WAIT);
            Spinner.RELEASE = new CountDownLatch(1);
            try {
                rt.send(a, "spin");
                await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.DOWN));
                assertThat(health.health().getDetails()).containsEntry("service", a.toString())
                        .containsEntry("message", "'spin'");
            } finally {
                Spinner.RELEASE.countDown();
            }
            await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));

            rt.shutdown(Duration.ofSeconds(1));
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("state", "stopped");
        });
    }

    @Test
    void withoutActuatorOrMicrometerTheStarterStillStarts() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class, Endpoint.class, HealthIndicator.class))
                .withPropertyValues("management.endpoints.web.exposure.include=skynet")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SkynetRuntime.class)
                        .doesNotHaveBean(SkynetMeters.class).doesNotHaveBean(SkynetEndpoint.class)
                        .doesNotHaveBean(SkynetHealthIndicator.class));
    }
}

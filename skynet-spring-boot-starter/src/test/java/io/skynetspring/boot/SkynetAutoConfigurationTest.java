package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ThreadCheck;
import io.skynetspring.core.socket.SlowPeer;
import io.skynetspring.core.socket.SocketDriver;
import io.skynetspring.core.socket.SocketOptions;
import io.skynetspring.core.socket.SocketTransport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SkynetAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2");

    @SkynetService("echo")
    static class Echo {
        @Command
        public Object echo(Object value) {
            return value;
        }

        @Command
        public Mono<String> never() {
            return Mono.never();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Echo.class)
    static class EchoConfig {
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnRuntimeConfig {
        @Bean(destroyMethod = "close")
        SkynetRuntime myRuntime() {
            return SkynetRuntime.start(new NodeSettings(1, 8, 100, Duration.ofSeconds(3), 7));
        }
    }

    @Test
    void startsOneRuntimeThatIsAlsoTheSkynetFacade() {
        runner.withUserConfiguration(EchoConfig.class).run(context -> {
            assertThat(context).hasSingleBean(SkynetRuntime.class).hasSingleBean(Skynet.class)
                    .hasSingleBean(SkynetLifecycle.class);
            Skynet skynet = context.getBean(Skynet.class);
            assertThat(skynet).isSameAs(context.getBean(SkynetRuntime.class));
            Address echo = skynet.newService("echo").block(WAIT);
            assertThat(skynet.call(echo, "echo", "hi").block(WAIT)).isEqualTo("hi");
        });
    }

    @Test
    void defaultsFollowSkynet() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
                .run(context -> {
            NodeSettings s = context.getBean(SkynetRuntime.class).settings();
            assertThat(s.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(s.batch()).isEqualTo(64);
            assertThat(s.mailboxWarning()).isEqualTo(1024);
            assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.nodeId()).isZero();
            assertThat(s.threadCheck()).isEqualTo(ThreadCheck.FAIL);
            assertThat(context.getBean(SkynetProperties.class).getShutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnRuntimeAndStillInstallsServicesIntoIt() {
        runner.withUserConfiguration(OwnRuntimeConfig.class, EchoConfig.class).run(context -> {
            assertThat(context).hasSingleBean(SkynetRuntime.class).hasBean("myRuntime")
                    .doesNotHaveBean("skynetRuntime");
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            assertThat(runtime.settings().nodeId()).isEqualTo(7);
            Address echo = runtime.newService("echo").block(WAIT);
            assertThat(echo.nodeId()).isEqualTo(7);
        });
    }

    @Test
    void enabledFalseTurnsEverythingOff() {
        runner.withUserConfiguration(EchoConfig.class).withPropertyValues("skynet.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SkynetRuntime.class)
                    .doesNotHaveBean(SkynetProperties.class).doesNotHaveBean(SkynetLifecycle.class);
        });
    }

    @Test
    void propertiesConfigureTheNode() {
        runner.withUserConfiguration(EchoConfig.class).withPropertyValues("skynet.workers=3", "skynet.batch=16",
                "skynet.mailbox-warning=32", "skynet.call-timeout=200ms", "skynet.node-id=5",
                "skynet.shutdown-grace=300ms", "skynet.env.db_host=127.0.0.1", "skynet.env.db_port=3306",
                "skynet.thread-check=warn").run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            NodeSettings s = runtime.settings();
            assertThat(s.workers()).isEqualTo(3);
            assertThat(s.batch()).isEqualTo(16);
            assertThat(s.mailboxWarning()).isEqualTo(32);
            assertThat(s.threadCheck()).isEqualTo(ThreadCheck.WARN);
            assertThat(context.getBean(SkynetProperties.class).getShutdownGrace()).isEqualTo(Duration.ofMillis(300));
            assertThat(runtime.getenv("db_host")).isEqualTo("127.0.0.1");
            assertThat(runtime.getenv("db_port")).isEqualTo("3306");

            Address echo = runtime.newService("echo").block(WAIT);
            assertThat(echo.nodeId()).isEqualTo(5);
            assertThatThrownBy(() -> runtime.call(echo, "never").block(WAIT))
                    .isInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("no reply within 200 ms");
        });
    }

    @Test
    void anEnvKeyTheRuntimeAlreadyHasFailsStartupNamingTheProperty() {
        BeanPostProcessor presetsK = new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof SkynetRuntime rt) {
                    rt.setenv("k", "0");
                }
                return bean;
            }
        };
        runner.withUserConfiguration(OwnRuntimeConfig.class).withPropertyValues("skynet.env.k=1")
                .withInitializer(ctx -> ctx.getBeanFactory().addBeanPostProcessor(presetsK))
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("skynet.env.k: Can't setenv exist key : k"));
    }

    @Test
    void socketPropertiesConfigureTheSharedDriver() {
        runner.withPropertyValues("skynet.sockets.stall-timeout=7s", "skynet.sockets.idle-timeout=1m",
                "skynet.sockets.send-high=1MB", "skynet.sockets.send-low=256KB", "skynet.sockets.slow-peer=refuse",
                "skynet.sockets.slow-time=2s", "skynet.sockets.transport=nio").run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            runtime.template("driver-options", ctx -> (cmd, args) -> cmd.equals("transport")
                    ? SocketDriver.of(ctx).transport() : SocketDriver.of(ctx).options());
            Address a = runtime.newService("driver-options").block(WAIT);
            SocketOptions o = runtime.call(a, "options", SocketOptions.class).block(WAIT);
            assertThat(runtime.call(a, "transport", SocketTransport.class).block(WAIT)).isEqualTo(SocketTransport.NIO);

            assertThat(o.stallTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(o.sendHigh()).isEqualTo(1024 * 1024);
            assertThat(o.sendLow()).isEqualTo(256 * 1024);
            assertThat(o.slowPeer()).isEqualTo(SlowPeer.REFUSE);
            assertThat(o.slowTime()).isEqualTo(Duration.ofSeconds(2));
            assertThat(o.readLimit()).isEqualTo(SocketOptions.defaults().readLimit());
        });
    }

    @Test
    void aSocketTransportNamedInTheKebabCaseOfPropertiesIsTaken() {
        runner.withPropertyValues("skynet.sockets.transport=io-uring").run(context ->
                assertThat(context.getBean(SkynetSocketProperties.class).getTransport()).isEqualTo(SocketTransport.IO_URING));
    }

    @Test
    void badSocketPropertiesStopTheStartNamingThem() {
        runner.withPropertyValues("skynet.sockets.send-high=64KB", "skynet.sockets.send-low=1MB").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("sendLow must be 0..65536 (sendHigh), was 1048576"));
    }

    @Test
    void serviceContextCannotBeInjectedIntoOrdinaryBeans() {
        runner.withBean("notAService", NotAService.class).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("a ServiceContext can only be injected into a @SkynetService class"));
    }

    static class NotAService {
        NotAService(ServiceContext ctx) {
        }
    }

    @Test
    void configurationMetadataIsGeneratedForEveryProperty() throws Exception {
        Path metadata = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
        assertThat(metadata).exists();
        String json = Files.readString(metadata);
        assertThat(json).contains("\"skynet.enabled\"", "\"skynet.workers\"", "\"skynet.batch\"",
                "\"skynet.mailbox-warning\"", "\"skynet.call-timeout\"", "\"skynet.node-id\"",
                "\"skynet.shutdown-grace\"", "\"skynet.bootstrap\"", "\"skynet.env\"", "\"skynet.mailbox\"");
        assertThat(json).contains("\"defaultValue\": \"10s\"");
    }
}

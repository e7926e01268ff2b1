package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceTemplate;
import io.skynetspring.core.socket.Gate;
import io.skynetspring.core.socket.Sockets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A {@link ServiceTemplate} bean is a service template named after the bean: plain handlers and the gate. */
class TemplateBeanTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2");

    @Configuration(proxyBeanMethods = false)
    static class EchoTemplate {
        @Bean
        ServiceTemplate echo() {
            return ctx -> (command, args) -> command + " " + List.of(args);
        }
    }

    @Test
    void aTemplateBeanStartsServicesUnderItsBeanName() {
        runner.withUserConfiguration(EchoTemplate.class).run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address echo = skynet.newService("echo").block(WAIT);
            assertThat(skynet.call(echo, "say", "hi").block(WAIT)).isEqualTo("say [hi]");
        });
    }

    /** skynet's stock gate example: the watchdog opens the gate, an agent per client echoes its frames. */
    @SkynetService("watchdog")
    static class Watchdog {
        private final ServiceContext ctx;
        private int port;

        Watchdog(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Init
        public Mono<Object> start() {
            return ctx.newService("gate")
                    .flatMap(gate -> ctx.call(gate, "open", Map.of("address", "127.0.0.1", "port", 0))
                            .doOnNext(reply -> port = ((Number) ((List<?>) reply).get(1)).intValue()));
        }

        @Command
        public void socket(String event, int fd, Object... rest) {
            if (event.equals("open")) {   // the gate is the source of its events
                ctx.newService("agent", ctx.source(), fd).subscribe();
            }
        }

        @Command
        public int port() {
            return port;
        }
    }

    @SkynetService("agent")
    static class Agent {
        private final ServiceContext ctx;

        Agent(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Init
        public Mono<Object> start(Address gate, int fd) {
            return ctx.call(gate, "forward", fd);
        }

        @Command
        public void client(int fd, byte[] payload) {
            Sockets.of(ctx).write(fd, payload);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({Watchdog.class, Agent.class})
    static class GateApp {
        @Bean
        ServiceTemplate gate() {
            return Gate.template();
        }
    }

    @Test
    void theGateRegisteredAsABeanServesAClient() {
        runner.withUserConfiguration(GateApp.class).run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address watchdog = skynet.newService("watchdog").block(WAIT);
            int port = skynet.call(watchdog, "port", Integer.class).block(WAIT);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(5000);
                byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(hello.length);
                out.write(hello);
                out.flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] echoed = new byte[in.readUnsignedShort()];
                in.readFully(echoed);
                assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo("hello");
            }
        });
    }

    /** Template "annotatedEcho"; imported, so its bean is named after the full class name and Spring sees no clash. */
    @SkynetService
    static class AnnotatedEcho {
        @Command
        public Object echo(Object value) {
            return value;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AnnotatedEcho.class)
    static class Clash {
        @Bean
        ServiceTemplate annotatedEcho() {
            return ctx -> (command, args) -> null;
        }
    }

    @Test
    void aTemplateBeanAndASkynetServiceOfOneNameFailTheStart() {
        runner.withUserConfiguration(Clash.class).run(context -> {
            assertThat(context).hasFailed();
            assertThatThrownBy(() -> { throw context.getStartupFailure(); })
                    .rootCause().hasMessageContaining("'annotatedEcho'")
                    .hasMessageContaining(AnnotatedEcho.class.getName())
                    .hasMessageContaining("ServiceTemplate bean");
        });
    }

    /** Holds the service inside a message, so later messages stay queued. */
    static final class Held {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    @Configuration(proxyBeanMethods = false)
    static class HoldingTemplate {
        @Bean
        Held held() {
            return new Held();
        }

        @Bean
        ServiceTemplate holder(Held held) {
            return ctx -> (command, args) -> {
                if (command.equals("hold")) {
                    held.entered.countDown();
                    held.release.await(5, TimeUnit.SECONDS);
                }
                return null;
            };
        }
    }

    @Test
    void theMailboxPropertyBoundsATemplateBean() {
        runner.withUserConfiguration(HoldingTemplate.class).withPropertyValues("skynet.mailbox.holder.capacity=2")
                .run(context -> {
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Held held = context.getBean(Held.class);
            Address h = runtime.newService("holder").block(WAIT);
            runtime.send(h, "hold");
            assertThat(held.entered.await(5, TimeUnit.SECONDS)).isTrue();
            int queued = 0;
            while (queued < 100 && runtime.send(h, "work")) {
                queued++;
            }
            held.release.countDown();
            assertThat(queued).isEqualTo(2);
        });
    }
}

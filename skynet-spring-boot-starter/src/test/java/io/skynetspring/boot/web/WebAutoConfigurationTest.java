package io.skynetspring.boot.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.http.HeadDeadline;
import io.skynetspring.boot.web.http.HttpRoute;
import io.skynetspring.boot.web.http.ServiceRoutes;
import io.skynetspring.boot.web.httpc.Httpc;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.boot.web.websocket.WsClient;
import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import reactor.netty.http.server.HttpServer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which parts of the bridge exist with and without a web stack. */
class WebAutoConfigurationTest {

    private static final AutoConfigurations BOTH =
            AutoConfigurations.of(SkynetAutoConfiguration.class, SkynetWebAutoConfiguration.class);

    @Test
    void withoutWebFluxTheStarterStillRunsServices() {
        new ApplicationContextRunner().withConfiguration(BOTH)
                .withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Skynet.class)
                            .doesNotHaveBean(Httpc.class).doesNotHaveBean(ServiceRoutes.class);
                });
    }

    @Test
    void outsideAWebServerTheClientsExistButNoRoutes() {
        new ApplicationContextRunner().withConfiguration(BOTH).run(context -> assertThat(context)
                .hasSingleBean(Httpc.class).hasSingleBean(WsClient.class)
                .doesNotHaveBean(ServiceRoutes.class).doesNotHaveBean(WebSockets.class));
    }

    @Test
    void inAReactiveWebAppTheRoutesExist() {
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).run(context -> assertThat(context)
                .hasSingleBean(ServiceRoutes.class).hasSingleBean(WebSockets.class).hasSingleBean(Httpc.class));
    }

    @Test
    void theHeadDeadlineIsTheStartersUnlessBootsIdleTimeoutIsSet() {
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).run(context -> assertThat(
                context.getBean(HeadDeadline.class).apply(HttpServer.create()).configuration().idleTimeout())
                .isEqualTo(Duration.ofSeconds(20)));
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).withPropertyValues("skynet.http.header-timeout=5s")
                .run(context -> assertThat(context.getBean(HeadDeadline.class).apply(HttpServer.create())
                        .configuration().idleTimeout()).isEqualTo(Duration.ofSeconds(5)));
        // the user's own server.netty.idle-timeout is applied by Boot after ours; ours stays out of its way
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).withPropertyValues("server.netty.idle-timeout=7s")
                .run(context -> assertThat(context.getBean(HeadDeadline.class).apply(HttpServer.create())
                        .configuration().idleTimeout()).isNull());
    }

    @SkynetService("lost")
    static class RouteWithoutCommand {
        @HttpRoute("/lost")
        public String lost() {
            return "never";
        }
    }

    @Test
    void aRouteThatIsNotACommandFailsStartup() {
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).withBean(RouteWithoutCommand.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("@HttpRoute(\"/lost\")").hasMessageContaining("add @Command"));
    }

    @SkynetService("clumsy")
    static class RouteWithWrongParameter {
        @HttpRoute("/clumsy")
        @Command
        public String clumsy(long id) {
            return "never";
        }
    }

    @Test
    void aRouteMustTakeNothingOrTheRequest() {
        new ReactiveWebApplicationContextRunner().withConfiguration(BOTH).withBean(RouteWithWrongParameter.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must take no parameter or one HttpRequest"));
    }
}

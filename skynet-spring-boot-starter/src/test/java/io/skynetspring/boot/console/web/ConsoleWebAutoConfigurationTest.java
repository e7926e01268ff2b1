package io.skynetspring.boot.console.web;

import io.skynetspring.boot.SkynetAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the console lives: only in reactive web apps that enable it, under the management base path. */
class ConsoleWebAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                    SkynetConsoleWebAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2");

    @Test
    void absentUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleStreams.class));
    }

    @Test
    void absentOutsideAReactiveWebApp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                        SkynetConsoleWebAutoConfiguration.class))
                .withPropertyValues("skynet.workers=2", "skynet.console.web.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleStreams.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void servedUnderACustomManagementBasePath() {
        runner.withPropertyValues("skynet.console.web.enabled=true", "management.endpoints.web.base-path=/manage/")
                .run(context -> {
                    WebTestClient http = WebTestClient.bindToRouterFunction(
                            context.getBean("skynetConsoleRoutes", RouterFunction.class)).build();
                    http.get().uri("/manage/skynet-console").exchange()
                            .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
                    http.get().uri("/manage/skynet-console/snapshot").exchange()
                            .expectStatus().isOk().expectBody().jsonPath("$.totals.services").isEqualTo(0);
                    http.get().uri("/manage/skynet-console/").exchange()
                            .expectStatus().isPermanentRedirect()
                            .expectHeader().location("/manage/skynet-console");
                    http.get().uri("/actuator/skynet-console").exchange().expectStatus().isNotFound();
                });
    }

    @Test
    void theRootTidiesTheBasePath() {
        assertThat(ConsoleRoutes.root("/actuator")).isEqualTo("/actuator/skynet-console");
        assertThat(ConsoleRoutes.root("/actuator/")).isEqualTo("/actuator/skynet-console");
        assertThat(ConsoleRoutes.root("manage")).isEqualTo("/manage/skynet-console");
        assertThat(ConsoleRoutes.root("/")).isEqualTo("/skynet-console");
        assertThat(ConsoleRoutes.root("")).isEqualTo("/skynet-console");
    }
}

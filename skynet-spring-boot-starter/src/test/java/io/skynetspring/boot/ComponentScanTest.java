package io.skynetspring.boot;

import io.skynetspring.boot.scan.clash.Chat;
import io.skynetspring.boot.scan.clash.ChatToo;
import io.skynetspring.boot.scan.found.WeatherService;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @SkynetService} classes are found by ordinary component scanning, as in a Boot application. */
class ComponentScanTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=1");

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = WeatherService.class)
    static class ScanFound {
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Chat.class)
    static class ScanClash {
    }

    @Test
    void aScannedClassBecomesATemplateNamedAfterTheClass() {
        runner.withUserConfiguration(ScanFound.class).run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address weather = skynet.newService("weatherService").block(Duration.ofSeconds(5));
            assertThat(skynet.call(weather, "forecast", "Hangzhou").block(Duration.ofSeconds(5)))
                    .isEqualTo("sunny in Hangzhou");
        });
    }

    @Test
    void twoScannedClassesWithOneTemplateNameFailStartupNamingBoth() {
        // the template name is also the bean name, so Spring's scanner reports the clash first
        runner.withUserConfiguration(ScanClash.class).run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("bean name 'chat'")
                .hasMessageContaining(Chat.class.getName())
                .hasMessageContaining(ChatToo.class.getName()));
    }
}

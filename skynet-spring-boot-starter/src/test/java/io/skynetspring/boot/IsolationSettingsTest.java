package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code skynet.isolation} and {@code @SkynetService(isolation = ...)}: copies by default, shares when asked. */
class IsolationSettingsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Holds {gold=100} and hands it out. */
    abstract static class Vault {
        final Map<String, Object> state = new HashMap<>(Map.of("gold", 100));

        @Command
        public Map<String, Object> state() {
            return state;
        }

        @Command
        public Object gold() {
            return state.get("gold");
        }
    }

    @SkynetService("vault")
    static class DefaultVault extends Vault {
    }

    @SkynetService(value = "sharedVault", isolation = Isolation.SHARE)
    static class SharedVault extends Vault {
    }

    @SkynetService(value = "copiedVault", isolation = Isolation.COPY)
    static class CopiedVault extends Vault {
    }

    @Configuration(proxyBeanMethods = false)
    @Import({DefaultVault.class, SharedVault.class, CopiedVault.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withUserConfiguration(Config.class);

    @SuppressWarnings("unchecked")
    private static Object goldAfterTheCallerChangesTheReply(Skynet skynet, String template) {
        Address vault = skynet.newService(template).block(WAIT);
        ((Map<String, Object>) skynet.call(vault, "state").block(WAIT)).put("gold", 0);
        return skynet.call(vault, "gold").block(WAIT);
    }

    @Test
    void servicesCopyByDefaultAndShareWhenTheirAnnotationSaysSo() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            assertThat(context.getBean(SkynetRuntime.class).settings().isolation()).isEqualTo(Isolation.COPY);

            assertThat(goldAfterTheCallerChangesTheReply(skynet, "vault")).isEqualTo(100);
            assertThat(goldAfterTheCallerChangesTheReply(skynet, "sharedVault")).isEqualTo(0);
        });
    }

    @Test
    void aSharingNodeSharesUnlessTheServiceCopies() {
        runner.withPropertyValues("skynet.isolation=share").run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            assertThat(context.getBean(SkynetRuntime.class).settings().isolation()).isEqualTo(Isolation.SHARE);

            assertThat(goldAfterTheCallerChangesTheReply(skynet, "vault")).isEqualTo(0);
            assertThat(goldAfterTheCallerChangesTheReply(skynet, "copiedVault")).isEqualTo(100);
        });
    }
}

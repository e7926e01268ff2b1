package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every newService makes a new {@code @SkynetService} instance, wired like any bean plus its own context. */
class ServiceInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static class Greeter {
        String greet(String who) {
            return "hello " + who;
        }
    }

    @SkynetService
    static class CounterService {
        private final ServiceContext ctx;
        private final Greeter greeter;
        private long count;

        CounterService(ServiceContext ctx, Greeter greeter) {
            this.ctx = ctx;
            this.greeter = greeter;
        }

        @Command
        public long incr() {
            return ++count;
        }

        @Command
        public String whoami() {
            return ctx.self() + " " + ctx.template();
        }

        @Command
        public String greet(String who) {
            return greeter.greet(who);
        }
    }

    /** An ordinary bean that would like to get hold of a service instance. */
    static class Snooper {
        final CounterService instance;

        Snooper(ObjectProvider<CounterService> instances) {
            this.instance = instances.getIfAvailable();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({CounterService.class, Greeter.class, Snooper.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withUserConfiguration(Config.class);

    @Test
    void constructorInjectionGivesTheServiceItsOwnContextAndOtherBeans() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address a = skynet.newService("counterService").block(WAIT);
            Address b = skynet.newService("counterService").block(WAIT);
            assertThat(skynet.call(a, "whoami").block(WAIT)).isEqualTo(a + " counterService");
            assertThat(skynet.call(b, "whoami").block(WAIT)).isEqualTo(b + " counterService");
            assertThat(skynet.call(a, "greet", "skynet").block(WAIT)).isEqualTo("hello skynet");
        });
    }

    @Test
    void everyNewServiceHasItsOwnState() {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            Address a = skynet.newService("counterService").block(WAIT);
            Address b = skynet.newService("counterService").block(WAIT);
            skynet.call(a, "incr").block(WAIT);
            skynet.call(a, "incr").block(WAIT);
            assertThat(skynet.call(a, "incr").block(WAIT)).isEqualTo(3L);
            assertThat(skynet.call(b, "incr").block(WAIT)).isEqualTo(1L);
        });
    }

    @Test
    void instancesAreNeitherSingletonsNorInjectable() {
        runner.run(context -> {
            assertThat(context.getBean(Snooper.class).instance).isNull();
            String beanName = context.getBeanNamesForType(CounterService.class)[0];
            assertThat(context.isPrototype(beanName)).isTrue();
        });
    }
}

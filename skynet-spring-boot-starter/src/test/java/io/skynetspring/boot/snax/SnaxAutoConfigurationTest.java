package io.skynetspring.boot.snax;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.snax.both.Both;
import io.skynetspring.boot.snax.clash.Twin;
import io.skynetspring.boot.snax.clash.TwinToo;
import io.skynetspring.boot.snax.found.Counter;
import io.skynetspring.boot.snax.found.Greeting;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @SnaxService} classes become snax services of the {@code Snax} bean, their instances made by Spring. */
class SnaxAutoConfigurationTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class, SkynetSnaxAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withBean(Greeting.class, () -> new Greeting("hello"));

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Counter.class)
    static class ScanFound {
    }

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = Counter.class)
    static class BootPackage {
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Counter.class)
    static class Imported {
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Twin.class)
    static class ScanClash {
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Both.class)
    static class ImportBoth {
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = Counter.class)
    static class WantsACounter {
        @Bean
        String counterUser(Counter counter) {
            return "never made";
        }
    }

    @Test
    void aClassInAComponentScannedPackageIsASnaxServiceWithItsDependenciesInjected() {
        runner.withUserConfiguration(ScanFound.class).run(context -> {
            Snax snax = context.getBean(Snax.class);
            assertThat(snax).isSameAs(Snax.of(context.getBean(SkynetRuntime.class)));
            SnaxHandle counter = snax.newService("counter").block(WAIT);

            assertThat(counter.req("greet", String.class, "ann").block(WAIT)).isEqualTo("hello, ann");
            assertThat(counter.req("whoami", String.class).block(WAIT)).isEqualTo(counter.toString());
            counter.post("add", 5);
            counter.post("add", 7);
            assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(12L);
        });
    }

    @Test
    void everyNewServiceIsANewInstanceWithItsOwnState() {
        runner.withUserConfiguration(ScanFound.class).run(context -> {
            Snax snax = context.getBean(Snax.class);
            SnaxHandle a = snax.newService(Counter.class).block(WAIT);
            SnaxHandle b = snax.newService(Counter.class).block(WAIT);
            a.post("add", 3);

            assertThat(a.req("total", Long.class).block(WAIT)).isEqualTo(3L);
            assertThat(b.req("total", Long.class).block(WAIT)).isZero();
        });
    }

    @Test
    void bootsAutoConfigurationPackageAndImportsFindThemToo() {
        runner.withUserConfiguration(BootPackage.class).run(context -> assertThat(
                context.getBean(Snax.class).newService("counter").block(WAIT).req("greet", "bob").block(WAIT))
                .isEqualTo("hello, bob"));
        runner.withUserConfiguration(Imported.class).run(context -> assertThat(
                context.getBean(Snax.class).isRegistered("counter")).isTrue());
    }

    @Test
    void noOtherBeanCanInjectAnInstance() {
        runner.withUserConfiguration(WantsACounter.class).run(context -> assertThat(context).getFailure()
                .rootCause().isInstanceOf(NoSuchBeanDefinitionException.class)
                .hasMessageContaining(Counter.class.getName()));
    }

    @Test
    void twoClassesWithOneSnaxNameFailStartupNamingBoth() {
        runner.withUserConfiguration(ScanClash.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two @SnaxService classes define the snax service 'twin'")
                .hasMessageContaining(Twin.class.getName())
                .hasMessageContaining(TwinToo.class.getName()));
    }

    @Test
    void aClassCannotBeBothKinds() {
        runner.withUserConfiguration(ImportBoth.class).run(context -> assertThat(context).getFailure()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Both.class.getName() + " is both a @SkynetService and a @SnaxService"));
    }

    @Test
    void aBootstrapEntryStartsASnaxServiceByItsTemplate() {
        runner.withUserConfiguration(ScanFound.class)
                .withPropertyValues("skynet.bootstrap[0].name=snax.counter", "skynet.bootstrap[0].unique=true")
                .run(context -> {
                    Snax snax = context.getBean(Snax.class);
                    SnaxHandle counter = snax.queryService("counter").block(WAIT);
                    assertThat(counter.req("greet", "cy").block(WAIT)).isEqualTo("hello, cy");
                    assertThat(snax.uniqueService(Counter.class).block(WAIT)).isEqualTo(counter);
                });
    }

    @Test
    void withoutTheRuntimeThereIsNoSnax() {
        runner.withUserConfiguration(ScanFound.class).withPropertyValues("skynet.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(Snax.class);
                    assertThatThrownBy(() -> context.getBean(Counter.class))
                            .isInstanceOf(NoSuchBeanDefinitionException.class);
                });
    }
}

package io.skynetspring.boot.snax;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.snax.found.Counter;
import io.skynetspring.boot.snax.found.Greeting;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.HotfixException;
import io.skynetspring.core.snax.HotfixResult;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hotfix version of a Spring-made snax service is loaded outside Spring and gets the same
 * constructor injection where its parameters resolve; where one does not, the old code keeps running.
 */
class SnaxHotfixTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class, SkynetSnaxAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2", "counter.prefix=v2")
            .withBean(Greeting.class, () -> new Greeting("hello"))
            .withUserConfiguration(Imported.class);

    @Configuration(proxyBeanMethods = false)
    @Import(Counter.class)
    static class Imported {
    }

    /** Counter with another constructor and greeting; {@code %s} is the constructor's parameter list. */
    static String counterV2(String constructorParameters, String prefixExpression) {
        return """
                package io.skynetspring.boot.snax.found;

                import io.skynetspring.core.service.ServiceContext;
                import io.skynetspring.core.snax.*;

                @SnaxService("counter")
                public class Counter {
                    private final Greeting greeting;
                    private final ServiceContext ctx;
                    private final Snax snax;
                    private final String prefix;
                    private long total;

                    public Counter(%s) {
                        this.greeting = greeting;
                        this.ctx = ctx;
                        this.snax = snax;
                        this.prefix = %s;
                    }

                    @Accept public void add(long n) { total += n; }
                    @Response public long total() { return total; }
                    @Response public String greet(String who) { return prefix + ": " + greeting.text() + ", " + who; }
                    @Response public String whoami() { return snax.self(ctx).toString(); }
                }
                """.formatted(constructorParameters, prefixExpression);
    }

    static Path compile(Path dir, String source) {
        return SnaxSources.compile(dir, Counter.class.getName(), source, Counter.class, Snax.class,
                ServiceContext.class, Value.class);
    }

    @Test
    void theNewVersionGetsBeansPropertiesItsContextAndTheSnaxAndKeepsTheState(@TempDir Path dir) {
        Path v2 = compile(dir, counterV2("@org.springframework.beans.factory.annotation.Value(\"${counter.prefix}\") "
                + "String prefix, Greeting greeting, ServiceContext ctx, Snax snax", "prefix"));
        runner.run(context -> {
            Snax snax = context.getBean(Snax.class);
            SnaxHandle counter = snax.newService(Counter.class).block(WAIT);
            counter.post("add", 40);
            counter.post("add", 2);

            HotfixResult r = snax.hotfix(counter, v2).block(WAIT);

            assertThat(r.oldLoader()).isNotEqualTo(r.newLoader());
            assertThat(r.fieldsCarried()).contains("total", "greeting", "ctx", "snax");
            assertThat(counter.req("greet", "ann").block(WAIT)).isEqualTo("v2: hello, ann");
            assertThat(counter.req("whoami").block(WAIT)).isEqualTo(counter.toString());
            assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(42L);
            counter.post("add", 1);
            assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(43L);
        });
    }

    @Test
    void aParameterNoBeanFitsRefusesTheHotfixNamingItAndTheOldCodeRuns(@TempDir Path dir) {
        Path v2 = compile(dir, counterV2("Greeting greeting, java.util.concurrent.Executor executor",
                "executor.toString()").replace("this.ctx = ctx;", "this.ctx = null;")
                .replace("this.snax = snax;", "this.snax = null;"));
        runner.run(context -> {
            Snax snax = context.getBean(Snax.class);
            SnaxHandle counter = snax.newService(Counter.class).block(WAIT);
            counter.post("add", 7);

            assertThatThrownBy(() -> snax.hotfix(counter, v2).block(WAIT))
                    .isInstanceOf(HotfixException.class)
                    .satisfies(e -> assertThat(((ServiceException) e).reason())
                            .contains("parameter 2 (java.util.concurrent.Executor) of the new version's constructor "
                                    + "cannot be injected")
                            .contains("by constructor only"));

            assertThat(counter.req("greet", "bob").block(WAIT)).isEqualTo("hello, bob");
            assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(7L);
        });
    }
}

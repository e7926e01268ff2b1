package io.skynetspring.boot.actuate;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.snax.SkynetSnaxAutoConfiguration;
import io.skynetspring.boot.snax.SnaxSources;
import io.skynetspring.boot.snax.found.Counter;
import io.skynetspring.boot.snax.found.Greeting;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The snax endpoint: services, profiles read without messaging the service, and a hotfix that is off until enabled. */
class SnaxEndpointTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class, SkynetSnaxAutoConfiguration.class,
                    SkynetEndpointAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2", "management.endpoints.web.exposure.include=skynet,snax")
            .withBean(Greeting.class, () -> new Greeting("hello"))
            .withUserConfiguration(Imported.class);

    @Configuration(proxyBeanMethods = false)
    @Import(Counter.class)
    static class Imported {
    }

    static final String V2 = """
            package io.skynetspring.boot.snax.found;

            import io.skynetspring.core.snax.*;

            @SnaxService("counter")
            public class Counter {
                private final Greeting greeting;
                private long total;

                public Counter(Greeting greeting) { this.greeting = greeting; }

                @Accept public void add(long n) { total += 2 * n; }
                @Response public long total() { return total; }
                @Response public String greet(String who) { return greeting.text() + " again, " + who; }
                @Response public String whoami() { return "v2"; }
            }
            """;

    static Path v2(Path dir) {
        return SnaxSources.compile(dir, Counter.class.getName(), V2, Counter.class, Snax.class, ServiceContext.class);
    }

    @Test
    void listsTheServicesWithTheirInterfaceAndShowsAProfile() {
        runner.run(context -> {
            SnaxEndpoint endpoint = context.getBean(SnaxEndpoint.class);
            SnaxHandle counter = context.getBean(Snax.class).newService(Counter.class).block(WAIT);
            counter.post("add", 1);
            counter.post("add", 2);
            counter.req("total").block(WAIT);

            assertThat(endpoint.services()).singleElement().satisfies(s -> {
                assertThat(s.address()).isEqualTo(counter.address().toString());
                assertThat(s.name()).isEqualTo("counter");
                assertThat(s.template()).isEqualTo("snax.counter");
                assertThat(s.methods()).anySatisfy(m -> assertThat(m).contains("accept add(long)"))
                        .anySatisfy(m -> assertThat(m).contains("response greet(java.lang.String)"));
            });
            SnaxEndpoint.Profile p = endpoint.profile(counter.address().toString());
            assertThat(p.name()).isEqualTo("counter");
            assertThat(p.methods()).extracting(SnaxEndpoint.Method::method).as("in id order")
                    .containsExactly("add", "greet", "total", "whoami");
            assertThat(p.methods()).filteredOn(m -> m.method().equals("add")).singleElement()
                    .satisfies(m -> assertThat(m.count()).isEqualTo(2));
            assertThat(p.methods()).filteredOn(m -> m.method().equals("greet")).singleElement()
                    .satisfies(m -> assertThat(m.count()).isZero());
            assertThat(endpoint.profile(":00ffffff")).isNull();
        });
    }

    @Test
    void hotfixIsRefusedWith403UntilEnabledAndTheCodeStays(@TempDir Path dir) {
        Path v2 = v2(dir);
        runner.run(context -> {
            SnaxHandle counter = context.getBean(Snax.class).newService(Counter.class).block(WAIT);

            WebEndpointResponse<Object> r = context.getBean(SnaxEndpoint.class)
                    .hotfix(counter.address().toString(), v2.toString(), null);

            assertThat(r.getStatus()).isEqualTo(403);
            assertThat(error(r)).contains("snax hotfix is disabled")
                    .contains("skynet.actuator.snax-hotfix.enabled=true");
            assertThat(counter.req("whoami").block(WAIT)).isEqualTo(counter.toString());
        });
    }

    @Test
    void anEnabledHotfixSwapsTheCodeAndSaysWhatChanged(@TempDir Path dir) {
        Path v2 = v2(dir);
        runner.withPropertyValues("skynet.actuator.snax-hotfix.enabled=true").run(context -> {
            SnaxHandle counter = context.getBean(Snax.class).newService(Counter.class).block(WAIT);
            counter.post("add", 5);

            WebEndpointResponse<Object> r = context.getBean(SnaxEndpoint.class)
                    .hotfix(counter.address().toString(), v2.toString(), null);

            assertThat(r.getStatus()).isEqualTo(200);
            SnaxEndpoint.Hotfix h = (SnaxEndpoint.Hotfix) r.getBody();
            assertThat(h.service()).isEqualTo("counter");
            assertThat(h.newClass()).isEqualTo(Counter.class.getName());
            assertThat(h.fieldsCarried()).contains("total", "greeting");
            assertThat(h.fieldsDropped()).contains("ctx", "snax");
            assertThat(h.pausedMicros()).isPositive();
            assertThat(counter.req("whoami").block(WAIT)).isEqualTo("v2");
            counter.post("add", 5);
            assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(15L);
        });
    }

    @Test
    void refusalsSayWhy(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("hotfix"));
        v2(root.resolve("v2"));
        Path broken = Files.createDirectories(root.resolve("empty"));
        runner.withPropertyValues("skynet.actuator.snax-hotfix.enabled=true",
                "skynet.actuator.snax-hotfix.root=" + root).run(context -> {
            SnaxEndpoint endpoint = context.getBean(SnaxEndpoint.class);
            SnaxHandle counter = context.getBean(Snax.class).newService(Counter.class).block(WAIT);
            String at = counter.address().toString();

            WebEndpointResponse<Object> outside = endpoint.hotfix(at, "../elsewhere", null);
            assertThat(outside.getStatus()).isEqualTo(403);
            assertThat(error(outside)).contains("is outside skynet.actuator.snax-hotfix.root");

            WebEndpointResponse<Object> nobody = endpoint.hotfix(":00ffffff", "v2", null);
            assertThat(nobody.getStatus()).isEqualTo(404);
            assertThat(error(nobody)).contains("no snax service at :00ffffff");

            WebEndpointResponse<Object> refused = endpoint.hotfix(at, broken.getFileName().toString(), null);
            assertThat(refused.getStatus()).isEqualTo(422);
            assertThat(error(refused)).contains("the old code keeps running")
                    .contains(Counter.class.getName() + " was not found in " + broken);

            WebEndpointResponse<Object> relative = endpoint.hotfix(at, "v2", null);
            assertThat(relative.getStatus()).isEqualTo(200);
            assertThat(counter.req("whoami").block(WAIT)).isEqualTo("v2");
        });
    }

    @Test
    void notExposedOrWithoutTheSnaxAutoConfigurationThereIsNoSnaxEndpoint() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=skynet")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SnaxEndpoint.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                        SkynetEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=skynet,snax")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SkynetEndpoint.class)
                        .doesNotHaveBean(SnaxEndpoint.class));
    }

    private static String error(WebEndpointResponse<Object> r) {
        return (String) ((Map<?, ?>) r.getBody()).get("error");
    }
}

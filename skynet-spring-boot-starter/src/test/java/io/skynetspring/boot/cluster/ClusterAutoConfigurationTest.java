package io.skynetspring.boot.cluster;

import io.skynetspring.boot.SkynetAutoConfiguration;
import io.skynetspring.boot.cluster.discovery.RedisDiscoveryAutoConfiguration;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the starter makes a cluster, which port it opens, and how bad settings stop the start. */
class ClusterAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                    SkynetClusterAutoConfiguration.class, RedisDiscoveryAutoConfiguration.class))
            .withUserConfiguration(Services.class)
            .withPropertyValues("skynet.workers=2");

    @Configuration(proxyBeanMethods = false)
    @Import({Greeter.class, Ledger.class})
    static class Services {
    }

    @Test
    void aClusterBeanComesByDefaultAndCallsOutOnlyWithoutAPort() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Cluster.class);
            Cluster cluster = context.getBean(Cluster.class);
            assertThat(cluster.listening()).isNull();
            assertThat(Cluster.of(context.getBean(SkynetRuntime.class))).as("the runtime's own cluster")
                    .isSameAs(cluster);
        });
    }

    @Test
    void offMeansNoClusterAndTheClusterNameIsIgnored() {
        runner.withPropertyValues("skynet.cluster.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Cluster.class).doesNotHaveBean(ClusterNames.class);
            SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
            Address greeter = runtime.newService("greeter").block(WAIT);
            assertThat(runtime.call(greeter, "hello", "you").block(WAIT)).isEqualTo("hello you from " + greeter);
        });
    }

    @Test
    void withoutAPortTheNodeListensOnItsOwnEntryOfTheTable() throws IOException {
        int port = freePort();
        runner.withPropertyValues("skynet.cluster.name=game", "skynet.cluster.nodes.game=127.0.0.1:" + port,
                "skynet.cluster.nodes.db=127.0.0.1:1", "skynet.cluster.nodes.old=false").run(context -> {
            Cluster cluster = context.getBean(Cluster.class);
            assertThat(cluster.listening().getPort()).isEqualTo(port);
            assertThat(cluster.nodes()).containsOnlyKeys("game", "db");
        });
    }

    @Test
    void aMalformedNodeEntryStopsTheStartAndIsNamed() {
        runner.withPropertyValues("skynet.cluster.nodes.db=nowhere").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("skynet.cluster.nodes.db=\"nowhere\" is not host:port")
                .hasMessageContaining("skynet.cluster.nodes.db=127.0.0.1:2528"));
    }

    @Test
    void aTakenPortStopsTheStartAndSaysWhichSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            runner.withPropertyValues("skynet.cluster.port=" + port).run(context -> assertThat(context)
                    .getFailure().cause().hasMessageContaining("cannot listen as skynet.cluster.port=" + port)
                    .hasMessageContaining("pick a free port"));
        }
    }

    @Test
    void registeringATemplateTheNodeDoesNotHaveStopsTheStart() {
        runner.withPropertyValues("skynet.cluster.register.ledgr=books").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("skynet.cluster.register.ledgr: no service template "
                        + "'ledgr'").hasMessageContaining("ledger"));
    }

    @Test
    void thePropertyNameWinsOverTheAnnotations() {
        runner.withPropertyValues("skynet.cluster.register.greeter=hello", "skynet.cluster.register.ledger=books")
                .run(context -> {
                    SkynetRuntime runtime = context.getBean(SkynetRuntime.class);
                    Address greeter = runtime.newService("greeter").block(WAIT);
                    Address ledger = runtime.newService("ledger").block(WAIT);
                    assertThat(context.getBean(Cluster.class).registered())
                            .containsEntry("hello", greeter).containsEntry("books", ledger)
                            .doesNotContainKey("greeter");
                });
    }

    @Test
    void discoveryWithoutSpringDataRedisStopsTheStartAndSaysWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues("skynet.cluster.discovery.redis.enabled=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("needs Spring Data Redis")
                        .hasMessageContaining("spring-boot-starter-data-redis"));
    }

    @Test
    void discoveryWithoutARedisConnectionStopsTheStart() {
        runner.withPropertyValues("skynet.cluster.discovery.redis.enabled=true").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("no Redis connection"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

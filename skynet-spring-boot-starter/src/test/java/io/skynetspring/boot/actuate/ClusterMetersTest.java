package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The link meters over real clusters: accepted connections from one host share one set of meters
 * whatever their ports, and a counter keeps what closed links had counted.
 */
class ClusterMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<SkynetRuntime> runtimes = new ArrayList<>();

    @AfterEach
    void stop() {
        runtimes.forEach(SkynetRuntime::close);
    }

    private SkynetRuntime runtime() {
        SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults());
        runtimes.add(rt);
        return rt;
    }

    private Cluster caller(String aAt) {
        return Cluster.start(runtime(), ClusterSettings.defaults().withNodes(Map.of("a", aAt)));
    }

    @Test
    void connectionsFromOneHostShareMetersThatNeverGoDownWhenOneCloses() {
        SkynetRuntime a = runtime();
        a.template("echo", ctx -> (command, args) -> args[0]);
        Address echo = a.newService("echo").block(WAIT);
        Cluster cluster = Cluster.start(a, ClusterSettings.defaults().withName("a"));
        cluster.register("echo", echo);
        String aAt = "127.0.0.1:" + cluster.open(0).block(WAIT).getPort();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (ClusterMeters meters = new ClusterMeters(cluster, Duration.ofMillis(50))) {
            meters.bindTo(registry);

            Cluster first = caller(aAt);
            for (int i = 0; i < 3; i++) {
                assertThat(first.call("a", "@echo", "say", "hi").block(WAIT)).isEqualTo("hi");
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(inCalls(registry)).isEqualTo(3));

            first.close();
            await().atMost(WAIT).until(() -> cluster.links().isEmpty());
            Cluster second = caller(aAt);
            for (int i = 0; i < 2; i++) {
                second.call("a", "@echo", "say", "again").block(WAIT);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(inCalls(registry)).isEqualTo(5));
            assertThat(registry.find("skynet.cluster.calls").tag("direction", "in").functionCounters())
                    .as("one meter for the host, not one per connection").hasSize(1);
            assertThat(registry.get("skynet.cluster.bytes").tags("direction", "in", "way", "in").functionCounter()
                    .count()).isPositive();
        }
    }

    private static double inCalls(MeterRegistry registry) {
        FunctionCounter c = registry.find("skynet.cluster.calls").tags("node", "127.0.0.1", "direction", "in")
                .functionCounter();
        return c == null ? -1 : c.count();
    }
}

package io.skynetspring.boot.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node closing its context drains its services with the cluster still open: a service that was
 * waiting for another node's answer when the close began gets it and answers its own caller, while a
 * call from another node that comes during the drain is refused naming the shutdown; the cluster (port
 * and links) closes after the services' exits.
 */
class ClusterShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Vault.class, Porter.class})
    static class App {
    }

    /** On the other node: keeps an item and answers a second later. */
    @SkynetService(value = "vault", clusterName = "vault")
    public static class Vault {

        static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();

        @Command
        public Mono<String> keep(String item) {
            RECEIVED.add(item);
            return Mono.delay(Duration.ofSeconds(1)).thenReturn("kept " + item);
        }
    }

    /** On the closing node: hands an item to the other node's vault and answers with the vault's answer. */
    @SkynetService(value = "porter", clusterName = "porter")
    public static class Porter {

        private final Cluster cluster;

        public Porter(Cluster cluster) {
            this.cluster = cluster;
        }

        @Command
        public Mono<Object> deposit(String item) {
            return cluster.call("store", "@vault", "keep", item);
        }

        @Command
        public String ping() {
            return "pong";
        }
    }

    @Test
    void aCallToAnotherNodeInFlightWhenTheContextClosesIsAnsweredBeforeTheClusterCloses() throws Exception {
        try (ConfigurableApplicationContext store = node("store", "skynet.bootstrap[0].name=vault")) {
            int storePort = store.getBean(Cluster.class).listening().getPort();
            ConfigurableApplicationContext front = node("front", "skynet.bootstrap[0].name=porter",
                    "skynet.bootstrap[0].unique=true", "skynet.cluster.nodes.store=127.0.0.1:" + storePort);
            try {
                int frontPort = front.getBean(Cluster.class).listening().getPort();
                Cluster storeCluster = store.getBean(Cluster.class);
                storeCluster.reload(java.util.Map.of("front", "127.0.0.1:" + frontPort));
                assertThat(storeCluster.call("front", "@porter", "ping").block(WAIT)).isEqualTo("pong");
                SkynetRuntime frontRuntime = front.getBean(SkynetRuntime.class);
                Skynet skynet = front.getBean(Skynet.class);
                Address porter = skynet.queryService("porter").block(WAIT);
                CompletableFuture<Object> answer = skynet.call(porter, "deposit", "gold").toFuture();
                await().atMost(WAIT).until(() -> Vault.RECEIVED.contains("gold"));
                // once the close has begun, while the front drains (the vault answers a second after it got the item)
                CompletableFuture<Object> during = CompletableFuture.supplyAsync(() -> {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(frontRuntime::isShuttingDown);
                    return storeCluster.call("front", "@porter", "ping").block(WAIT);
                });

                front.close();

                assertThat(answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("kept gold");
                assertThatThrownBy(() -> during.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .hasMessageContaining("refused: the skynet runtime is shutting down");
                assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", frontPort), 2000);
                    }
                }).as("the closed node's cluster port").isInstanceOf(ConnectException.class);
            } finally {
                front.close();
            }
        }
    }

    private static ConfigurableApplicationContext node(String name, String... more) {
        return new SpringApplicationBuilder(App.class).properties(
                        "skynet.workers=2",
                        "spring.main.web-application-type=none",
                        "skynet.shutdown-grace=5s",
                        "skynet.cluster.name=" + name,
                        "skynet.cluster.port=0")
                .properties(more)
                .run();
    }
}

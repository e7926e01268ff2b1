package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Unknown, down, dropped and restarted nodes; hostile frames; the handshake. Calls wait 30 s, so "at once" shows. */
class ClusterFaultTest extends TestNodes {

    /** Well under the 30 s call deadline: a call that fails sooner failed at once, not at its deadline. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private static Throwable failure(Mono<?> call) {
        CompletableFuture<?> f = call.toFuture();
        return await().atMost(AT_ONCE).until(() -> f.isDone() ? f.handle((v, e) -> e == null ? new AssertionError(
                "succeeded with " + v) : e.getCause() != null && !(e instanceof ClusterException) ? e.getCause() : e)
                .join() : null, e -> e != null);
    }

    @Test
    void anUnknownNodeFailsAtOnceNamingIt() {
        Cluster a = node(runtime(), "a", Map.of());

        assertThat(failure(a.call("x", "@kv", "echo", 1))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [x]").hasMessageContaining("absent");
        assertThat(failure(a.query("x", "kv"))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [x]");
        assertThat(a.send("x", "@kv", "echo", 1)).isFalse();
    }

    @Test
    void withNoWaitingFalseACallToAnUnknownNodeWaitsForTheReloadThatAddsIt() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("__nowaiting", false));

        CompletableFuture<Object> waiting = a.call("b", "@kv", "echo", "waited").toFuture();
        assertThat(waiting).isNotDone();
        a.reload(Map.of("b", at(b), "__nowaiting", false));
        assertThat(waiting).succeedsWithin(WAIT).isEqualTo("waited");
    }

    @Test
    void aNodeMarkedDownFailsAtOnceAndClosesItsLink() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        CompletableFuture<Object> pending = a.call("b", "@kv", "never").toFuture();
        await().atMost(WAIT).until(() -> ClusterTest.out(a).inFlight() == 1);

        Map<String, Object> down = new HashMap<>();
        down.put("b", false);
        a.reload(down);

        assertThat(failure(Mono.fromFuture(pending))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [b]").hasMessageContaining("down");
        assertThat(failure(a.call("b", "@kv", "echo", 1))).hasMessageContaining("marked down");
        assertThat(ClusterTest.out(a).state()).isEqualTo("down");
        a.reload(Map.of("b", at(b)));
        assertThat(a.call("b", "@kv", "echo", "back").block(WAIT)).isEqualTo("back");
    }

    @Test
    void aNodeKilledMidCallFailsTheCallAtOnceAndARestartedNodeIsCalledAgain() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        int port = b.listening().getPort();
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        CompletableFuture<Object> pending = a.call("b", "@kv", "never").toFuture();
        await().atMost(WAIT).until(() -> ClusterTest.out(a).inFlight() == 1);

        // a graceful stop answers the open call with an error; a crash drops the link (SkynetPeerTest): both fail at once
        rtB.close();

        assertThat(failure(Mono.fromFuture(pending))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [b]");
        Mono<Object> next = a.call("b", "@kv", "echo", 1);
        try {
            assertThat(failure(next)).isInstanceOf(ClusterException.class).hasMessageContaining("cluster node [b]");
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("links: " + a.links(), e);
        }

        SkynetRuntime again = runtime();
        Cluster b2 = Cluster.start(again, ClusterSettings.defaults().withName("b"));
        b2.open(port).block(WAIT);
        b2.register("kv", again.newService("kv").block(WAIT));
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> "again".equals(a.call("b", "@kv", "echo", "again").block(WAIT)));
        assertThat(ClusterTest.out(a).reconnects()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aMovedNodeIsCalledAtItsNewAddress() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        rtB.call(b.registered().get("kv"), "SET", "who", "first").block(WAIT);
        SkynetRuntime rtC = runtime();
        Cluster c = node(rtC, "c", Map.of());
        c.register("kv", rtC.newService("kv").block(WAIT));
        rtC.call(c.registered().get("kv"), "SET", "who", "second").block(WAIT);
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        assertThat(a.call("b", "@kv", "GET", "who").block(WAIT)).isEqualTo("first");

        a.reload(Map.of("b", at(c)));

        assertThat(a.call("b", "@kv", "GET", "who").block(WAIT)).isEqualTo("second");
    }

    @Test
    void aMalformedOrOversizeFrameClosesThatConnectionOnly() throws Exception {
        SkynetRuntime rtB = runtime();
        Cluster b = Cluster.start(rtB, ClusterSettings.defaults().withName("b").withMaxMessage(1 << 20));
        b.open(0).block(WAIT);
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        assertThat(a.call("b", "@kv", "echo", "before").block(WAIT)).isEqualTo("before");

        // type 0x07 is no request type
        assertClosedAfter(b, new byte[]{0, 5, 0x07, 1, 2, 3, 4});
        // a large request announcing 2 MiB, over this node's 1 MiB cap
        assertClosedAfter(b, new byte[]{0, 13, 0x01, 10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x20, 0});

        assertThat(a.call("b", "@kv", "echo", "after").block(WAIT)).isEqualTo("after");
        assertThat(rtB.incidents().count("cluster.frame")).isEqualTo(2);
    }

    private static void assertClosedAfter(Cluster b, byte[] frame) throws Exception {
        try (Socket s = new Socket("127.0.0.1", b.listening().getPort())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(frame);
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the node closes the connection").isEqualTo(-1);
        }
    }

    @Test
    void theClusterPortBindsToLoopbackUnlessConfigured() {
        Cluster a = node(runtime(), "a", Map.of());
        assertThat(a.listening().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void javaNodesWithTheSameSecretTalkAndAWrongSecretOrNoHandshakeIsRefused() throws Exception {
        SkynetRuntime rtB = runtime();
        Cluster b = Cluster.start(rtB, ClusterSettings.defaults().withName("b").withSecret("s3cret", Set.of()));
        b.open(0).block(WAIT);
        b.register("kv", rtB.newService("kv").block(WAIT));

        Cluster good = Cluster.start(runtime(), ClusterSettings.defaults().withNodes(Map.of("b", at(b)))
                .withSecret("s3cret", Set.of()));
        assertThat(good.call("b", "@kv", "echo", "hi").block(WAIT)).isEqualTo("hi");

        Cluster bad = Cluster.start(runtime(), ClusterSettings.defaults().withNodes(Map.of("b", at(b)))
                .withSecret("guess", Set.of()));
        assertThat(failure(bad.call("b", "@kv", "echo", "hi"))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("handshake");

        // a node without the secret (as a skynet node would be) is refused before any request is served
        Cluster plain = Cluster.start(runtime(), ClusterSettings.defaults().withNodes(Map.of("b", at(b))));
        assertThat(failure(plain.call("b", "@kv", "echo", "hi"))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [b]");
        assertThat(rtB.incidents().count("cluster.auth")).isGreaterThanOrEqualTo(2);
        assertThat(b.registered()).containsKey("kv");
    }
}

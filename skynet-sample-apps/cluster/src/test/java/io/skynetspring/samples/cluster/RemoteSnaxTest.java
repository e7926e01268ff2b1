package io.skynetspring.samples.cluster;

import io.skynetspring.core.cluster.ClusterException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seed 6.3: node1 uses node2's snax auth_service through cluster.snax, as if it were local. */
class RemoteSnaxTest {

    static SampleNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void loginThenLogoutOnTheRemoteSnaxServiceAsTheSeedDoes() {
        Object reply = TestNodes.front(nodes, "remote_snax", "node2", "user", "pass").block(WAIT);

        assertThat(reply).isEqualTo(Map.of("token", "token-user", "online", 1L));
        SnaxHandle auth = nodes.cluster("node1").snax("node2", "auth_service").block(WAIT);
        // the post of logout went after the login's reply: the remote service empties
        await().atMost(WAIT).until(() -> Set.of().equals(Set.copyOf((java.util.Collection<?>)
                auth.req("online").block(WAIT))));
        assertThatThrownBy(() -> TestNodes.front(nodes, "remote_snax", "node2", "user", "guess").block(WAIT))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [node2]").hasMessageContaining("wrong password");
    }

    @Test
    void snaxKillOfTheRemoteHandleEndsTheServiceOnItsNode() {
        SnaxHandle auth = nodes.cluster("node1").snax("node2", "auth_service").block(WAIT);
        Snax node2 = nodes.context("node2").getBean(Snax.class);
        Address remote = node2.queryService("auth_service").block(WAIT).address();

        nodes.context("node1").getBean(Snax.class).kill(auth).block(WAIT);

        await().atMost(WAIT).until(() -> nodes.skynet("node2").resolve(remote.toString()).isEmpty());
        // the next uniqueService on node2 starts a fresh one, which node1 finds again
        node2.uniqueService("auth_service").block(WAIT);
        assertThat(TestNodes.front(nodes, "remote_snax", "node2", "ann", "pass").block(WAIT))
                .isEqualTo(Map.of("token", "token-ann", "online", 1L));
    }
}

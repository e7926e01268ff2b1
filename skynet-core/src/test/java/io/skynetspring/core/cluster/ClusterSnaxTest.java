package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.codec.LuaSeri;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.core.snax.SnaxService;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seed 6.3: a snax service on another node, reached by cluster.snax from Java and by method id from Lua. */
class ClusterSnaxTest extends TestNodes {

    @SnaxService("auth_service")
    public static class Auth {
        final List<String> loggedOut = new ArrayList<>();

        @Response(id = 5)
        public Map<String, Object> login(String user, String pass) {
            if (!pass.equals("pass")) {
                throw new ServiceException("bad password for " + user);
            }
            return Map.of("token", "t-" + user, "userid", 1001L);
        }

        @Accept(id = 6)
        public void logout(String user) {
            loggedOut.add(user);
        }

        @Response(id = 7)
        public List<String> loggedOut() {
            return List.copyOf(loggedOut);
        }
    }

    public interface AuthApi {
        Mono<Map<String, Object>> login(String user, String pass);

        void logout(String user);
    }

    @Test
    void aJavaNodeUsesARemoteSnaxServiceLikeALocalOne() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "node1", Map.of());
        Snax.of(rtB).uniqueService(Auth.class).block(WAIT);
        SkynetRuntime rtA = runtime();
        Cluster a = node(rtA, "a", Map.of("node1", at(b)));

        SnaxHandle auth = a.snax("node1", "auth_service").block(WAIT);
        assertThat(auth.req("login", "user", "pass").block(WAIT)).isEqualTo(Map.of("token", "t-user", "userid", 1001L));
        assertThat(auth.post("logout", "user")).isTrue();
        await().atMost(WAIT).until(() -> List.of("user").equals(auth.req("loggedOut").block(WAIT)));
        assertThatThrownBy(() -> auth.req("login", "user", "wrong").block(WAIT)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [node1]").hasMessageContaining("bad password");

        // snax.kill(auth): the remote service runs its exit and ends
        Address remote = Snax.of(rtB).queryService("auth_service").block(WAIT).address();
        Snax.of(rtA).kill(auth).block(WAIT);
        await().atMost(WAIT).until(() -> rtB.service(remote).isEmpty());
    }

    @Test
    void aServiceNotStartedThereWaitsAsSkynetsQueryDoesUntilTheCallersDeadline() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "node1", Map.of());
        Cluster a = node(runtime(java.time.Duration.ofMillis(300)), "a", Map.of("node1", at(b)));

        assertThatThrownBy(() -> a.snax("node1", "auth_service").block(WAIT))
                .isInstanceOf(io.skynetspring.core.message.CallTimeoutException.class)
                .hasMessageContaining("cluster node [node1]");
        Snax.of(rtB).uniqueService(Auth.class).block(WAIT);
        assertThat(a.snax("node1", "auth_service").block(WAIT).req("loggedOut").block(WAIT)).isEqualTo(List.of());
    }

    @Test
    void whenTheServiceIsKnownHereItsMethodsTravelByIdAndATypedInterfaceBinds() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "node1", Map.of());
        Snax.of(rtB).uniqueService(Auth.class).block(WAIT);
        SkynetRuntime rtA = runtime();
        Snax.of(rtA).register(Auth.class);
        Cluster a = node(rtA, "a", Map.of("node1", at(b)));

        SnaxHandle auth = a.snax("node1", "auth_service").block(WAIT);
        AuthApi api = Snax.of(rtA).bind(auth, AuthApi.class);
        assertThat(api.login("ann", "pass").block(WAIT)).containsEntry("token", "t-ann");
        api.logout("ann");
        await().atMost(WAIT).until(() -> List.of("ann").equals(auth.req("loggedOut").block(WAIT)));
    }

    @Test
    void aLuaCallerFindsTheServiceThroughDotServiceAndCallsItByMethodId() throws Exception {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "node1", Map.of());
        Address auth = Snax.of(rtB).uniqueService(Auth.class).block(WAIT).address();

        try (Socket s = new Socket("127.0.0.1", b.listening().getPort())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());

            // cluster.call(node, ".service", "QUERY", "snaxd", "auth_service"), session 1
            Object[] reply = roundTrip(out, in, ".service", 1, LuaSeri.pack("QUERY", "snaxd", "auth_service"));
            assertThat(reply).containsExactly((long) auth.handle());

            // auth.req.login("user", "pass") → pack(5, "user", "pass") to the address, session 2
            reply = roundTrip(out, in, auth.toString(), 2, LuaSeri.pack(5L, "user", "pass"));
            assertThat(reply).hasSize(1);
            assertThat(reply[0]).isEqualTo(Map.of("token", "t-user", "userid", 1001L));
        }
    }

    /** Sends a by-name call frame and returns the unpacked values of its type-1 reply. */
    private static Object[] roundTrip(OutputStream out, DataInputStream in, String name, int session, byte[] body)
            throws Exception {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = 1 + 1 + n.length + 4 + body.length;
        java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
        f.write(len >>> 8);
        f.write(len);
        f.write(0x80);
        f.write(n.length);
        f.write(n);
        f.write(new byte[]{(byte) session, 0, 0, 0});
        f.write(body);
        out.write(f.toByteArray());
        int replyLen = in.readUnsignedShort();
        byte[] payload = new byte[replyLen];
        in.readFully(payload);
        assertThat(payload[0]).isEqualTo((byte) session);
        assertThat(payload[4]).as("a success reply").isEqualTo((byte) 1);
        return LuaSeri.unpack(payload, 5, payload.length - 5);
    }
}

package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Java nodes calling each other over skynet's cluster protocol, by address, by name and through proxies. */
class ClusterTest extends TestNodes {

    record Player(long id, String name, double score, List<Object> tags) {
    }

    @Test
    void callsByAddressByNameAndByQueryReachTheRemoteService() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        Address kv = rtB.newService("kv").block(WAIT);
        rtB.name(".store", kv);
        b.register("sdb", kv);
        SkynetRuntime rtA = runtime();
        Cluster a = node(rtA, "a", Map.of("b", at(b)));

        assertThat(a.call("b", "@sdb", "SET", "a", "foobar").block(WAIT)).isNull();
        assertThat(a.call("b", "@sdb", "GET", "a").block(WAIT)).isEqualTo("foobar");
        assertThat(a.call("b", kv, "GET", "a").block(WAIT)).isEqualTo("foobar");
        assertThat(a.call("b", ".store", "GET", "a").block(WAIT)).isEqualTo("foobar");
        assertThat(a.call("b", kv.toString(), "GET", "a").block(WAIT)).isEqualTo("foobar");
        assertThat(a.query("b", "sdb").block(WAIT)).isEqualTo(kv);
    }

    @Test
    void luaValuesCrossAsLongsDoublesStringsAndTablesAndConvertToRecords() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));

        Object echoed = a.call("b", "@kv", "echo", 7, 2.5, "s", List.of(1, 2), Map.of("k", "v")).block(WAIT);
        assertThat(echoed).isEqualTo(List.of(7L, 2.5, "s", List.of(1L, 2L), Map.of("k", "v")));

        Player p = a.call("b", "@kv", "echo", Player.class,
                new Player(1001, "ann", 9.5, List.of("x", 3L))).block(WAIT);
        assertThat(p).isEqualTo(new Player(1001, "ann", 9.5, List.of("x", 3L)));
    }

    @Test
    void aPushArrivesAndIsNeverAnswered() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
        rtB.template("inbox", ctx -> (cmd, args) -> got.add(cmd + ":" + args[0] + ":" + ctx.session()));
        b.register("inbox", rtB.newService("inbox").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));

        for (int i = 0; i < 5; i++) {
            assertThat(a.send("b", "@inbox", "note", i)).isTrue();
        }
        assertThat(a.send("b", "@inbox", "note", "x".repeat(100_000))).isTrue();

        await().atMost(WAIT).until(() -> got.size() == 6);
        assertThat(got).startsWith("note:0:0", "note:1:0", "note:2:0", "note:3:0", "note:4:0");
    }

    @Test
    void oneMebibyteRequestAndOneMebibyteReply() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        byte[] big = new byte[1 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }

        Object back = a.call("b", "@kv", "echo", (Object) big).block(WAIT);

        assertThat(back).isInstanceOf(byte[].class);
        assertThat((byte[]) back).isEqualTo(big);
        String text = "V".repeat(1 << 20);
        assertThat(a.call("b", "@kv", "echo", text).block(WAIT)).isEqualTo(text);
    }

    @Test
    void aProxyTurnsLocalSendsAndCallsIntoClusterOnes() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("sdb", rtB.newService("kv").block(WAIT));
        SkynetRuntime rtA = runtime();
        Cluster a = node(rtA, "a", Map.of("b", at(b)));

        Address proxy = a.proxy("b@sdb").block(WAIT);
        assertThat(a.proxy("b", "@sdb").block(WAIT)).isEqualTo(proxy);
        assertThat(rtA.send(proxy, "SET", "k", "pushed")).isTrue();
        await().atMost(WAIT).until(() -> "pushed".equals(rtA.call(proxy, "GET", "k").block(WAIT)));
        // a local service calling the proxy gets the remote reply inside itself
        rtA.template("user", ctx -> (cmd, args) -> ctx.call(proxy, "GET", "k")
                .map(v -> v + " seen by " + ctx.self()));
        Address user = rtA.newService("user").block(WAIT);
        assertThat(rtA.call(user, "go").block(WAIT)).isEqualTo("pushed seen by " + user);
        assertThatThrownBy(() -> rtA.call(proxy, "boom").block(WAIT)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [b]");
    }

    @Test
    void aRemoteErrorFailsTheCallNamingTheNode() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));

        assertThatThrownBy(() -> a.call("b", "@kv", "boom").block(WAIT)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("cluster node [b]").hasMessageContaining("kv says no");
        assertThatThrownBy(() -> a.call("b", "@nobody", "GET", "x").block(WAIT))
                .hasMessageContaining("Invalid name");
        assertThatThrownBy(() -> a.call("b", new Address(0x77), "GET", "x").block(WAIT))
                .hasMessageContaining("call to invalid address");
        assertThatThrownBy(() -> a.query("b", "nobody").block(WAIT)).hasMessageContaining("name not found");
        // the link is still fine
        assertThat(a.call("b", "@kv", "echo", "ok").block(WAIT)).isEqualTo("ok");
    }

    @Test
    void threeNodesCallEachOtherAndACallInsideAServiceCompletesInIt() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        SkynetRuntime rtC = runtime();
        Cluster c = node(rtC, "c", Map.of());
        c.register("kv", rtC.newService("kv").block(WAIT));
        SkynetRuntime rtA = runtime();
        Cluster a = node(rtA, "a", Map.of("b", at(b), "c", at(c)));
        b.reload(Map.of("a", at(a), "c", at(c)));
        a.call("b", "@kv", "SET", "who", "b").block(WAIT);
        a.call("c", "@kv", "SET", "who", "c").block(WAIT);
        ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        rtA.template("game", ctx -> (cmd, args) -> a.call("b", "@kv", "GET", "who")
                .zipWith(a.call("c", "@kv", "GET", "who"))
                .doOnNext(t -> threads.add(Thread.currentThread().getName()))
                .map(t -> t.getT1() + "+" + t.getT2()));
        Address game = rtA.newService("game").block(WAIT);
        a.register("game", game);

        assertThat(rtA.call(game, "get").block(WAIT)).isEqualTo("b+c");
        assertThat(b.call("a", "@game", "get").block(WAIT)).isEqualTo("b+c");
        assertThat(threads).isNotEmpty().allMatch(t -> t.contains("-worker-"));
    }

    @Test
    void aNameWhoseServiceWasKilledIsDroppedAndCanBeTakenAgain() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        Address first = rtB.newService("kv").block(WAIT);
        b.register("sdb", first);
        Cluster a = node(runtime(), "a", Map.of("b", at(b)));
        assertThat(a.call("b", "@sdb", "echo", "one").block(WAIT)).isEqualTo("one");

        rtB.kill(first);
        await().atMost(WAIT).until(() -> rtB.resolve(first.toString()).isEmpty());

        assertThatThrownBy(() -> a.call("b", "@sdb", "echo", "x").block(WAIT)).hasMessageContaining("Invalid name");
        assertThatThrownBy(() -> a.query("b", "sdb").block(WAIT)).hasMessageContaining("name not found");
        Address second = rtB.newService("kv").block(WAIT);
        b.register("sdb", second);
        assertThat(a.query("b", "sdb").block(WAIT)).isEqualTo(second);
        assertThat(a.call("b", "@sdb", "echo", "two").block(WAIT)).isEqualTo("two");
    }

    @Test
    void aLateReplyAfterTheDeadlineIsDroppedAndCounted() {
        SkynetRuntime rtB = runtime();
        Cluster b = node(rtB, "b", Map.of());
        b.register("kv", rtB.newService("kv").block(WAIT));
        Cluster a = node(runtime(Duration.ofMillis(200)), "a", Map.of("b", at(b)));

        assertThatThrownBy(() -> a.call("b", "@kv", "slow", 600L).block(WAIT))
                .isInstanceOf(CallTimeoutException.class).hasMessageContaining("cluster node [b]");

        await().atMost(WAIT).until(() -> out(a).lateReplies() == 1);
        assertThat(a.call("b", "@kv", "echo", "after").block(WAIT)).isEqualTo("after");
        assertThat(out(a).calls()).isEqualTo(2);
        assertThat(out(a).inFlight()).isZero();
    }

    static LinkStat out(Cluster c) {
        return c.links().stream().filter(l -> l.direction().equals("out")).findFirst().orElseThrow();
    }
}

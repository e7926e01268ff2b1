package io.skynetspring.core;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Responder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** skynet.redirect: a message forwarded with its source and session, answered by the final service. */
class RedirectTest extends RuntimeFixture {

    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    private void shardAndRouter() {
        rt.template("shard", ctx -> (cmd, args) -> {
            seen.add(cmd + " from " + ctx.source() + " session>0=" + (ctx.session() > 0));
            if (cmd.equals("later")) {
                Responder r = ctx.response();
                ctx.timeout(1, () -> r.reply("later " + args[0]));
                return null;
            }
            if (cmd.equals("boom")) {
                throw new ServiceException("shard says no");
            }
            return "shard " + ctx.self() + " " + cmd + " " + args[0];
        });
        rt.template("router", ctx -> (cmd, args) -> {
            Address to = (Address) args[0];
            boolean ok = ctx.redirect(to, cmd, args[1]);
            seen.add("router redirected " + cmd + " ok=" + ok);
            return "the router's own return value is never the reply";
        });
    }

    @Test
    void theFinalServiceAnswersTheOriginalCallerAndSeesItAsTheSource() {
        shardAndRouter();
        rt.template("client", ctx -> (cmd, args) -> rt.call((Address) args[0], "get", args[1], "k1"));
        Address shard = rt.newService("shard").block(WAIT);
        Address router = rt.newService("router").block(WAIT);
        Address client = rt.newService("client").block(WAIT);

        Object reply = rt.call(client, "go", router, shard).block(WAIT);

        assertThat(reply).isEqualTo("shard " + shard + " get k1");
        assertThat(seen).contains("get from " + client + " session>0=true", "router redirected get ok=true");
    }

    @Test
    void aDeferredReplyFromTheTargetReachesACallerOutsideServices() {
        shardAndRouter();
        Address shard = rt.newService("shard").block(WAIT);
        Address router = rt.newService("router").block(WAIT);

        assertThat(rt.call(router, "later", shard, "x").block(WAIT)).isEqualTo("later x");
        assertThat(rt.call(router, "boom", shard, "x").onErrorResume(e -> reactor.core.publisher.Mono.just(
                "failed: " + e.getMessage())).block(WAIT)).asString().contains("shard says no");
    }

    @Test
    void aRedirectedSendStaysASend() {
        shardAndRouter();
        Address shard = rt.newService("shard").block(WAIT);
        Address router = rt.newService("router").block(WAIT);

        assertThat(rt.send(router, "note", shard, "n")).isTrue();

        await().atMost(WAIT).until(() -> seen.contains("note from " + Address.NONE + " session>0=false"));
    }

    @Test
    void aDeadTargetFailsTheCallerAtOnceNotAtItsDeadline() {
        shardAndRouter();
        Address shard = rt.newService("shard").block(WAIT);
        Address router = rt.newService("router").block(WAIT);
        rt.kill(shard);
        await().atMost(WAIT).until(() -> rt.service(shard).isEmpty());

        long start = System.nanoTime();
        assertThatThrownBy(() -> rt.withTimeout(Duration.ofSeconds(30)).call(router, "get", shard, "k").block(WAIT))
                .isInstanceOf(ServiceException.class).hasMessageContaining(shard.toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        await().atMost(WAIT).until(() -> seen.contains("router redirected get ok=false"));
    }

    @Test
    void redirectOutsideARequestIsAnError() {
        rt.template("eager", ctx -> new io.skynetspring.core.service.ServiceHandler() {
            @Override
            public Object init(Object[] args) {
                return ctx.redirect(ctx.self(), "x");
            }

            @Override
            public Object dispatch(String command, Object[] args) {
                return null;
            }
        });
        assertThatThrownBy(() -> rt.newService("eager").block(WAIT)).hasMessageContaining("redirect()");
    }
}

package io.skynetspring.core;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Responder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DeferredResponseTest extends RuntimeFixture {

    @Test
    void responderRepliesLaterFromAnotherMessage() {
        List<Responder> parked = new ArrayList<>();
        rt.template("parker", ctx -> (cmd, args) -> {
            switch (cmd) {
                case "park" -> parked.add(ctx.response());
                case "release" -> {
                    for (Responder r : parked) {
                        r.reply("released " + args[0]);
                    }
                    parked.clear();
                    return "ok";
                }
                default -> throw new ServiceException("unknown command " + cmd);
            }
            return null;
        });
        Address p = rt.newService("parker").block(WAIT);

        var first = rt.call(p, "park").toFuture();
        var second = rt.call(p, "park").toFuture();
        assertThat(rt.call(p, "release", "now").block(WAIT)).isEqualTo("ok");

        assertThat(first.join()).isEqualTo("released now");
        assertThat(second.join()).isEqualTo("released now");
    }

    @Test
    void asyncTaskRepliesAfterASleepAsInTheSeed() {
        rt.template("worker", ctx -> (cmd, args) -> {
            Responder resp = ctx.response();
            ctx.forkAsync(() -> ctx.sleep(5).doOnSuccess(x -> resp.reply("computed")));
            return null;
        });
        Address w = rt.newService("worker").block(WAIT);

        assertThat(rt.call(w, "async_task").block(WAIT)).isEqualTo("computed");
    }

    @Test
    void replyingTwiceIsAnErrorAndTestProbeTurnsFalse() {
        ConcurrentLinkedQueue<String> observed = new ConcurrentLinkedQueue<>();
        rt.template("twice", ctx -> (cmd, args) -> {
            Responder r = ctx.response();
            observed.add("open before: " + r.isOpen());
            r.reply("first");
            observed.add("open after: " + r.isOpen());
            try {
                r.reply("second");
            } catch (IllegalStateException e) {
                observed.add(e.getMessage());
            }
            return null;
        });
        Address t = rt.newService("twice").block(WAIT);

        assertThat(rt.call(t, "go").block(WAIT)).isEqualTo("first");
        await().atMost(WAIT).until(() -> observed.size() == 3);
        assertThat(observed).containsExactly("open before: true", "open after: false",
                "Can't response more than once (service " + t + ", command 'go')");
    }

    @Test
    void failSendsAnErrorToTheCaller() {
        rt.template("refuser", ctx -> (cmd, args) -> {
            ctx.response().fail("not today");
            return null;
        });
        Address r = rt.newService("refuser").block(WAIT);

        assertThatThrownBy(() -> rt.call(r, "ask").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessage("call to " + r + " (refuser) command 'ask' failed: not today");
    }

    @Test
    void probeSeesACallerThatGaveUp() {
        List<Responder> parked = new ArrayList<>();
        rt.template("parker", ctx -> (cmd, args) -> {
            if (cmd.equals("park")) {
                parked.add(ctx.response());
                return null;
            }
            return parked.get(0).isOpen();
        });
        Address p = rt.newService("parker").block(WAIT);

        assertThatThrownBy(() -> rt.withTimeout(Duration.ofMillis(30)).call(p, "park").block(WAIT))
                .hasMessageContaining("no reply within 30 ms");
        assertThat(rt.call(p, "probe").block(WAIT)).isEqualTo(false);
    }

    @Test
    void responseForASendIsANoOp() {
        ConcurrentLinkedQueue<Boolean> probes = new ConcurrentLinkedQueue<>();
        rt.template("sink", ctx -> (cmd, args) -> {
            Responder r = ctx.response();
            r.reply("ignored");
            probes.add(r.isOpen());
            return null;
        });
        Address s = rt.newService("sink").block(WAIT);

        assertThat(rt.send(s, "fire")).isTrue();
        await().atMost(WAIT).until(() -> probes.size() == 1);
        assertThat(probes).containsExactly(false);
    }

    @Test
    void responseOutsideARequestIsRefusedClearly() {
        rt.template("late", ctx -> (cmd, args) -> ctx.sleep(1).then(reactor.core.publisher.Mono.fromRunnable(
                ctx::response)));
        Address l = rt.newService("late").block(WAIT);

        assertThatThrownBy(() -> rt.call(l, "go").block(WAIT))
                .hasMessageContaining("response() must be called while handling a request");
    }
}

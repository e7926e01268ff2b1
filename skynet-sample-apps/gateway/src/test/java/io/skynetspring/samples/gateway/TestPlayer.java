package io.skynetspring.samples.gateway;

import io.skynetspring.samples.gateway.bot.BotListener;
import io.skynetspring.samples.gateway.bot.GatewayBot;
import io.skynetspring.samples.gateway.bot.LoginResult;
import io.skynetspring.samples.gateway.login.LoginTokens;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A bot that keeps everything it heard (pushes as text such as {@code move 7 3 4}) for a test to await. */
final class TestPlayer implements BotListener, AutoCloseable {

    static final LoginTokens TOKENS = new LoginTokens("skynet-gateway-dev-secret");

    final long id;
    final GatewayBot bot;
    final List<String> heard = new CopyOnWriteArrayList<>();

    TestPlayer(long id, int port) {
        this(id, port, GatewayBot.Moves.DECODED);
    }

    TestPlayer(long id, int port, GatewayBot.Moves moves) {
        this.id = id;
        this.bot = GatewayBot.connect("127.0.0.1", port, this, moves);
    }

    LoginResult login(int scene) throws Exception {
        return bot.login(id, TOKENS.issue(id), scene).get(5, TimeUnit.SECONDS);
    }

    /** Waits (5 s at most) until it has heard {@code line}. */
    TestPlayer awaits(String line) {
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(line));
        return this;
    }

    /** Waits until something it heard matches {@code test}. */
    String awaitsLine(Predicate<String> test) {
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().anyMatch(test));
        return heard.stream().filter(test).findFirst().orElseThrow();
    }

    void awaitsClose() {
        await().atMost(Duration.ofSeconds(5)).until(() -> bot.closed().isDone());
    }

    @Override
    public void playerMove(long other, long x, long y) {
        heard.add("move " + other + " " + x + " " + y);
    }

    @Override
    public void playerLeave(long other) {
        heard.add("leave " + other);
    }

    @Override
    public void heartbeat(Long time) {
        heard.add(time == null ? "heartbeat" : "heartbeat time");
    }

    @Override
    public void kicked(String reason) {
        heard.add("kick " + reason);
    }

    @Override
    public void close() {
        bot.close();
    }
}

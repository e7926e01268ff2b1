package io.skynetspring.core;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceTemplate;
import io.skynetspring.core.service.Shareable;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The edges of message isolation: what passes as it is, what is refused and how the refusal
 * reads, and the opt-outs per template and per node.
 */
class IsolationRulesTest extends RuntimeFixture {

    record Point(int x, int y, String label) {
    }

    record Tagged(String name, List<String> tags) {
    }

    /** Immutable without being a record: final fields of immutable types. */
    static final class Money {
        private final long cents;
        private final String currency;

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
        }
    }

    /** A user's mutable class with a setter: no way to know how to copy it. */
    static class Player {
        private int level;

        void setLevel(int level) {
            this.level = level;
        }

        @Override
        public String toString() {
            return "Player(" + level + ")";
        }
    }

    @Shareable
    static final class Scoreboard {
        final AtomicInteger hits = new AtomicInteger();
    }

    private Address echo(String template) {
        return rt.newService(template).block(WAIT);
    }

    @Test
    void immutableValuesPassAsTheyAre() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = echo("echo");
        List<Object> values = List.of("text", 12_345_678L, new BigDecimal("1.50"), TimeUnit.SECONDS, echo,
                Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(3), new Point(1, 2, "p"),
                new Money(150, "EUR"), List.of("a", "b"), Map.of("k", 1), Optional.of("x"), new Object(),
                new Tagged("t", List.of("x")), new Scoreboard(), new byte[0], StandardCharsets.UTF_8);

        for (Object v : values) {
            assertThat(rt.call(echo, "echo", v).block(WAIT)).as(v.getClass().getName()).isSameAs(v);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void mutableValuesArriveAsEqualCopies() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = echo("echo");
        byte[] bytes = {1, 2, 3};
        Tagged tagged = new Tagged("t", new ArrayList<>(List.of("x")));
        List<Object> immutableOfMutable = List.of(new ArrayList<>(List.of(1)));

        Object bytesBack = rt.call(echo, "echo", (Object) bytes).block(WAIT);
        Object taggedBack = rt.call(echo, "echo", tagged).block(WAIT);
        Object listBack = rt.call(echo, "echo", immutableOfMutable).block(WAIT);
        Instant[] instants = {Instant.EPOCH};
        Object instantsBack = rt.call(echo, "echo", (Object) instants).block(WAIT);

        assertThat(bytesBack).isNotSameAs(bytes).isEqualTo(bytes);
        assertThat(taggedBack).isNotSameAs(tagged).isEqualTo(tagged);
        assertThat(((Tagged) taggedBack).tags()).isNotSameAs(tagged.tags());
        assertThat(listBack).isNotSameAs(immutableOfMutable).isEqualTo(immutableOfMutable);
        assertThat(instantsBack).isNotSameAs(instants).isEqualTo(instants);
        assertThatThrownBy(() -> ((List<Object>) listBack).add("more"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnknownMutableArgumentIsRefusedWithTheClassTheServiceTheCommandAndTheFix() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = echo("echo");

        assertThatThrownBy(() -> rt.call(echo, "levelup", new Player()).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining(echo.toString()).hasMessageContaining("(echo)")
                .hasMessageContaining("command 'levelup'")
                .hasMessageContaining("argument 1: " + Player.class.getName() + " is a mutable class")
                .hasMessageContaining("record").hasMessageContaining("@Shareable")
                .hasMessageContaining("isolation = SHARE");
        assertThatThrownBy(() -> rt.send(echo, "levelup", "ok", List.of(new Player())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("send 'levelup' to " + echo + " (echo) refused")
                .hasMessageContaining("argument 2: " + Player.class.getName());
        assertThatThrownBy(() -> rt.newService("echo", new Player()).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("newService").hasMessageContaining(Player.class.getName());

        assertThat(rt.call(echo, "echo", "still here").block(WAIT)).isEqualTo("still here");
        assertThat(rt.incidents().count("message.refused")).isEqualTo(3);
    }

    @Test
    void aReplyThatCannotCrossFailsTheCallAndTheServiceGoesOn() {
        Player mine = new Player();
        rt.template("game", ctx -> (cmd, args) -> cmd.equals("player") ? mine : "pong");
        Address game = echo("game");

        assertThatThrownBy(() -> rt.call(game, "player").block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("(game)").hasMessageContaining("command 'player'")
                .hasMessageContaining("reply refused: " + Player.class.getName());

        assertThat(rt.call(game, "ping").block(WAIT)).isEqualTo("pong");
        assertThat(rt.incidents().count("message.refused")).isEqualTo(1);
    }

    @Test
    void aStructureThatContainsItselfIsRefusedAtTheDepthBound() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = echo("echo");
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        List<Object> deep = new ArrayList<>();
        List<Object> at = deep;
        for (int i = 0; i < 31; i++) {
            List<Object> inner = new ArrayList<>();
            at.add(inner);
            at = inner;
        }

        assertThatThrownBy(() -> rt.call(echo, "echo", loop).block(WAIT))
                .hasMessageContaining("argument 1: it nests deeper than 32 levels");
        assertThat(rt.call(echo, "echo", deep).block(WAIT)).isEqualTo(deep);
        at.add(new ArrayList<>());
        assertThatThrownBy(() -> rt.call(echo, "echo", deep).block(WAIT))
                .hasMessageContaining("nests deeper than 32 levels");
    }

    @Test
    void aSharingTemplateGetsAndGivesTheSameObjects() {
        Map<String, Object> state = new HashMap<>(Map.of("gold", 100));
        rt.template("shared", ServiceTemplate.with(Isolation.SHARE, ctx -> (cmd, args) ->
                cmd.equals("state") ? state : args[0]));
        Address shared = echo("shared");
        Player p = new Player();

        assertThat(rt.call(shared, "state").block(WAIT)).isSameAs(state);
        assertThat(rt.call(shared, "echo", p).block(WAIT)).isSameAs(p);
    }

    @Test
    void aServiceCallingItselfIsNotCopied() {
        rt.template("self", ctx -> (cmd, args) -> switch (cmd) {
            case "outer" -> {
                List<String> mine = new ArrayList<>(List.of("a"));
                yield ctx.call(ctx.self(), "inner", mine).map(back -> back == mine);
            }
            default -> args[0];
        });
        Address self = echo("self");

        assertThat(rt.call(self, "outer").block(WAIT)).isEqualTo(true);
    }

    @Test
    void aSharingNodeSharesUnlessATemplateCopies() {
        try (SkynetRuntime sharing = SkynetRuntime.start(
                new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0).withIsolation(Isolation.SHARE),
                Duration.ofSeconds(2))) {
            sharing.template("echo", ctx -> (cmd, args) -> args[0]);
            sharing.template("copying", ServiceTemplate.with(Isolation.COPY, ctx -> (cmd, args) -> args[0]));
            Address echo = sharing.newService("echo").block(WAIT);
            Address copying = sharing.newService("copying").block(WAIT);
            List<String> list = new ArrayList<>(List.of("a"));

            assertThat(sharing.call(echo, "echo", list).block(WAIT)).isSameAs(list);
            assertThat(sharing.call(copying, "echo", list).block(WAIT)).isNotSameAs(list).isEqualTo(list);
        }
    }

    @Test
    void aNodeCannotBeSetToFollowItself() {
        assertThatThrownBy(() -> NodeSettings.defaults().withIsolation(Isolation.NODE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COPY or SHARE");
    }
}

package io.skynetspring.boot;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @Command} methods as a caller sees them: binding, conversion, errors and replies. */
class CommandBindingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2")
            .withBean(Calc.class);

    @SkynetService("calc")
    static class Calc {
        private final ServiceContext ctx;
        private final List<String> notes = new ArrayList<>();

        Calc(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Command
        public long add(long a, long b) {
            return a + b;
        }

        @Command("half")
        public double halve(double x) {
            return x / 2;
        }

        @Command
        public String join(String sep, String... parts) {
            return String.join(sep, parts);
        }

        @Command
        public long fail(String reason) {
            throw new IllegalStateException(reason);
        }

        @Command
        public void note(String text) {
            notes.add(text);
        }

        @Command
        public List<String> notes() {
            return List.copyOf(notes);
        }

        @Command
        public Mono<String> later(long centiseconds) {
            return ctx.sleep(centiseconds).thenReturn("late " + centiseconds);
        }

        @Command
        public CompletionStage<Long> square(long x) {
            return CompletableFuture.supplyAsync(() -> x * x);
        }

        @Command
        public CompletionStage<Long> broken() {
            return CompletableFuture.failedFuture(new IllegalArgumentException("stage broke"));
        }

        @Command
        public void nothing() {
        }

        /** Tables from another node arrive as Maps and Lists; typed parameters get records. */
        @Command
        public String best(List<Player> players, Player fallback) {
            return players.stream().max(java.util.Comparator.comparingDouble(Player::score)).orElse(fallback).name();
        }
    }

    record Player(String name, double score) {
    }

    private void withCalc(CalcTest test) {
        runner.run(context -> {
            Skynet skynet = context.getBean(Skynet.class);
            test.run(skynet, skynet.newService("calc").block(WAIT));
        });
    }

    interface CalcTest {
        void run(Skynet skynet, Address calc) throws Exception;
    }

    @Test
    void argumentsConvertLikeLuaNumbers() {
        withCalc((skynet, calc) -> {
            assertThat(skynet.call(calc, "add", 10, 20).block(WAIT)).isEqualTo(30L);
            assertThat(skynet.call(calc, "add", 3.0, 4L).block(WAIT)).isEqualTo(7L);
            assertThat(skynet.call(calc, "add", "5", 1).block(WAIT)).isEqualTo(6L);
            assertThat(skynet.call(calc, "half", 5).block(WAIT)).isEqualTo(2.5);
            assertThat(skynet.call(calc, "join", "-", "a", "b", 3).block(WAIT)).isEqualTo("a-b-3");
            assertThat(skynet.call(calc, "join", ",").block(WAIT)).isEqualTo("");
        });
    }

    @Test
    void tablesConvertToRecordsAndTypedListsOfRecords() {
        withCalc((skynet, calc) -> {
            List<Object> players = List.of(java.util.Map.of("name", "ann", "score", 3L),
                    java.util.Map.of("name", "bob", "score", 7.5));
            assertThat(skynet.call(calc, "best", players, java.util.Map.of("name", "none", "score", 0L)).block(WAIT))
                    .isEqualTo("bob");
            assertThat(skynet.call(calc, "best", List.of(), java.util.Map.of("name", "none", "score", 0L)).block(WAIT))
                    .isEqualTo("none");
            assertThatThrownBy(() -> skynet.call(calc, "best", List.of(java.util.Map.of("name", "x")), null)
                    .block(WAIT)).isInstanceOf(ServiceException.class).hasMessageContaining("parameter 1 (players)")
                    .hasMessageContaining("score");
        });
    }

    @Test
    void aFractionWhereAnIntegerIsNeededIsAnErrorNamingTheParameter() {
        withCalc((skynet, calc) -> assertThatThrownBy(() -> skynet.call(calc, "add", 1, 2.5).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("(calc) command 'add' failed")
                .hasMessageContaining("command 'add' parameter 2 (b): number has no integer representation: 2.5")
                .hasMessageContaining("call it as add(long a, long b)"));
    }

    @Test
    void aWrongTypeIsAnErrorNamingTheParameter() {
        withCalc((skynet, calc) -> {
            assertThatThrownBy(() -> skynet.call(calc, "add", "x", 2).block(WAIT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("command 'add' parameter 1 (a): string \"x\" is not a number");
            assertThatThrownBy(() -> skynet.call(calc, "add", 1, true).block(WAIT))
                    .isInstanceOf(ServiceException.class)
                    .hasMessageContaining("command 'add' parameter 2 (b): boolean where a long is needed");
            assertThatThrownBy(() -> skynet.call(calc, "join", "-", "a", List.of()).block(WAIT))
                    .hasMessageContaining("command 'join' parameter 3 (parts[1])");
        });
    }

    @Test
    void aWrongArgumentCountIsAnErrorNamingTheMissingParameter() {
        withCalc((skynet, calc) -> {
            ServiceException missing = (ServiceException) catchError(skynet.call(calc, "add", 1));
            assertThat(missing.service()).isEqualTo("calc");
            assertThat(missing.command()).isEqualTo("add");
            assertThat(missing.reason()).isEqualTo(
                    "command 'add' parameter 2 (b) is missing: got 1 argument; call it as add(long a, long b)");
            assertThatThrownBy(() -> skynet.call(calc, "add", 1, 2, 3).block(WAIT))
                    .hasMessageContaining("command 'add' takes 2 arguments but got 3; call it as add(long a, long b)");
            assertThatThrownBy(() -> skynet.call(calc, "join").block(WAIT))
                    .hasMessageContaining("command 'join' parameter 1 (sep) is missing");
        });
    }

    @Test
    void anUnknownCommandIsAnErrorListingTheKnownOnes() {
        withCalc((skynet, calc) -> assertThatThrownBy(() -> skynet.call(calc, "pow", 2, 8).block(WAIT))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("unknown command 'pow' for service calc")
                .hasMessageContaining("[add, best, broken, fail, half, join, later, note, notes, nothing, square]"));
    }

    @Test
    void anExceptionReachesTheCallerAndTheServiceKeepsServing() {
        withCalc((skynet, calc) -> {
            ServiceException e = (ServiceException) catchError(skynet.call(calc, "fail", "disk on fire"));
            assertThat(e.target()).isEqualTo(calc);
            assertThat(e.reason()).isEqualTo("IllegalStateException: disk on fire");
            assertThat(skynet.call(calc, "add", 1, 1).block(WAIT)).isEqualTo(2L);
        });
    }

    @Test
    void monoAndCompletionStageRepliesArriveWhenTheyComplete() {
        withCalc((skynet, calc) -> {
            Mono<Object> late = skynet.call(calc, "later", 20);
            Mono<Object> square = skynet.call(calc, "square", 12);
            assertThat(square.block(WAIT)).isEqualTo(144L);
            assertThat(late.block(WAIT)).isEqualTo("late 20");
            assertThatThrownBy(() -> skynet.call(calc, "broken").block(WAIT))
                    .isInstanceOf(ServiceException.class).hasMessageContaining("stage broke");
        });
    }

    @Test
    void voidCommandsServeSendsAndReplyNothingToCalls() {
        withCalc((skynet, calc) -> {
            assertThat(skynet.send(calc, "note", "first")).isTrue();
            assertThat(skynet.send(calc, "note", "second")).isTrue();
            assertThat(skynet.call(calc, "notes").block(WAIT)).isEqualTo(List.of("first", "second"));
            assertThat(skynet.call(calc, "nothing").blockOptional(WAIT)).isEmpty();
        });
    }

    @Test
    void typedCallsConvertTheReply() {
        withCalc((skynet, calc) -> assertThat(skynet.call(calc, "add", Integer.class, 2, 3).block(WAIT)).isEqualTo(5));
    }

    private static Throwable catchError(Mono<?> call) {
        try {
            call.block(WAIT);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the call succeeded");
    }
}

package io.skynetspring.benchmarks.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat load generator, briefly, against {@link EchoRooms}: 12 clients in 3 rooms saying 4 lines a
 * second each. Every line reaches every member of its room and is timed; refused lines are reported.
 * No timing is asserted.
 */
class ChatLoadSmokeTest {

    private static ChatLoad.Settings brief(int port) {
        return new ChatLoad.Settings(port, "/chat", 12, 3, 4.0, Duration.ofMillis(500), Duration.ofSeconds(2), 1,
                "smoke");
    }

    @Test
    @Timeout(60)
    void everyLineReachesEveryMemberOfItsRoom() throws Exception {
        try (EchoRooms rooms = EchoRooms.start(false)) {
            ChatLoad.Result r = ChatLoad.run(brief(rooms.port()));

            assertThat(r.joined()).isEqualTo(12);
            assertThat(r.failed()).isZero();
            assertThat(r.errors()).isZero();
            // 12 clients at 4 lines/s, each line delivered to the 4 members of its room
            assertThat(r.linesPerSecond()).isBetween(24.0, 72.0);
            assertThat(r.deliveriesPerSecond()).isBetween(4 * 24.0, 4 * 72.0);
            assertThat(r.expected()).isPositive().isEqualTo(r.delivered());
            assertThat(r.lost()).isZero();
            assertThat(r.gaps()).isZero();
            assertThat(r.p99Millis()).isPositive().isGreaterThanOrEqualTo(r.p50Millis());
            assertThat(r.maxMillis()).isGreaterThanOrEqualTo(r.p99Millis());
            assertThat(r.line()).startsWith("RESULT label=smoke clients=12 rooms=3 joined=12 failed=0 closed=0");
        }
    }

    @Test
    @Timeout(60)
    void refusedLinesAreCountedByCodeAndShowAsLost() throws Exception {
        try (EchoRooms rooms = EchoRooms.start(true)) {
            ChatLoad.Result r = ChatLoad.run(brief(rooms.port()));

            assertThat(r.joined()).isEqualTo(12);
            assertThat(r.delivered()).isZero();
            assertThat(r.errors()).isPositive();
            assertThat(r.errorCodes()).containsOnlyKeys("rate-limited");
            assertThat(r.lost()).isEqualTo(r.expected()).isPositive();
            assertThat(r.line()).contains(" error_codes=rate-limited:" + r.errors() + " ");
        }
    }

    @Test
    @Timeout(60)
    void clientsThatCannotConnectAreCountedAsFailed() throws Exception {
        int closedPort;
        try (EchoRooms rooms = EchoRooms.start(false)) {
            closedPort = rooms.port();
        }
        ChatLoad.Result r = ChatLoad.run(brief(closedPort));

        assertThat(r.failed()).isEqualTo(12);
        assertThat(r.joined()).isZero();
        assertThat(r.errorCodes()).isEqualTo(Map.of());
    }
}

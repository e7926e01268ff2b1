package io.skynetspring.benchmarks.runtime;

import io.skynetspring.benchmarks.runtime.mpsc.MpscContender;
import io.skynetspring.benchmarks.runtime.pekko.PekkoContender;
import io.skynetspring.benchmarks.runtime.skynet.SkynetContender;
import io.skynetspring.benchmarks.runtime.vertx.VertxContender;
import io.skynetspring.core.service.Isolation;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every runtime benchmark's bodies, a few rounds each at small sizes: every message and reply
 * arrives, so the JMH suite cannot rot unnoticed. No timing is asserted.
 */
class RuntimeWorkloadsSmokeTest {

    private static final Sizes SMALL = new Sizes(1_000, 200, 20, 50, 1_000);
    private static final int ROUNDS = 3;

    static Stream<Arguments> contenders() {
        return Stream.of(
                Arguments.of("skynet", (Supplier<Contender>) SkynetContender::new),
                Arguments.of("pekko", (Supplier<Contender>) PekkoContender::new),
                Arguments.of("vertx", (Supplier<Contender>) VertxContender::new),
                Arguments.of("mpsc", (Supplier<Contender>) MpscContender::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contenders")
    @Timeout(30)
    void everyMessageAndReplyArrives(String name, Supplier<Contender> make) throws Exception {
        try (Contender contender = make.get()) {
            contender.start(SMALL);
            for (int round = 0; round < ROUNDS; round++) {
                assertThat(contender.oneWay()).as("%s one-way", name).isEqualTo(SMALL.messages());
                assertThat(contender.callFromOutside()).as("%s calls from outside", name).isEqualTo(SMALL.calls());
                if (contender.hasServices()) {
                    assertThat(contender.callFromService()).as("%s calls from a service", name)
                            .isEqualTo(SMALL.calls());
                }
                assertThat(contender.fanOut()).as("%s fan-out", name).isEqualTo(SMALL.fanOutTotal());
                assertThat(contender.pingPong()).as("%s ping-pong", name).isEqualTo(SMALL.pingPongs());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"COPY", "SHARE"})
    @Timeout(30)
    void everyMapCallOfTheIsolationBenchmarkIsAnswered(Isolation isolation) throws Exception {
        try (SkynetContender contender = new SkynetContender(isolation)) {
            contender.start(SMALL);
            assertThat(contender.oneWay()).isEqualTo(SMALL.messages());
            assertThat(contender.mapCallFromOutside()).isEqualTo(SMALL.calls());
            assertThat(contender.mapCallFromService()).isEqualTo(SMALL.calls());
        }
    }
}

package io.skynetspring.core.socket;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pool's back-off curve and the checks on its options. */
class PoolOptionsTest {

    private final PoolOptions options = PoolOptions.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void pausesDoubleFromTheMinimumUpToTheCap() {
        PoolOptions steady = options.withJitter(0);
        assertThat(steady.backoff(0, 0.5)).isEqualTo(Duration.ZERO);
        assertThat(steady.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(steady.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(steady.backoff(4, 0.5)).isEqualTo(Duration.ofMillis(800));
        assertThat(steady.backoff(5, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(steady.backoff(1_000_000, 0.5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterTakesAtMostItsFractionOff() {
        PoolOptions jittery = options.withJitter(0.2);
        assertThat(jittery.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(jittery.backoff(2, 0.999)).isBetween(Duration.ofMillis(160), Duration.ofMillis(161));
    }

    @Test
    void nonsenseIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> options.withSize(0)).hasMessageContaining("pool size must be positive, was 0");
        assertThatThrownBy(() -> options.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("backoffMax (PT1S) is below backoffMin (PT2S)");
        assertThatThrownBy(() -> options.withJitter(1.5)).hasMessageContaining("jitter must be within 0..1");
        assertThatThrownBy(() -> options.withCheckoutTimeout(Duration.ZERO)).hasMessageContaining("checkoutTimeout");
    }
}

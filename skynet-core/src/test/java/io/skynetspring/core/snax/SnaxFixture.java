package io.skynetspring.core.snax;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.NodeSettings;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

/** A two-worker runtime and its snax module per test, closed afterwards. */
abstract class SnaxFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    final SkynetRuntime rt = SkynetRuntime.start(
            new NodeSettings(2, 64, 1024, Duration.ofSeconds(10), 0), Duration.ofSeconds(2));
    final Snax snax = Snax.of(rt);

    @AfterEach
    void stopRuntime() {
        rt.close();
    }
}

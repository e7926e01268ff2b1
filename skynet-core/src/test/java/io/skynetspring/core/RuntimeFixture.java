package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceStats;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

/** A two-worker runtime per test, closed afterwards. */
abstract class RuntimeFixture {

    static final Duration WAIT = Duration.ofSeconds(5);

    final SkynetRuntime rt = SkynetRuntime.start(
            new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0), Duration.ofSeconds(2));

    @AfterEach
    void stopRuntime() {
        rt.close();
    }

    ServiceStats stats(Address a) {
        return rt.services().stream().filter(s -> s.address().equals(a)).findFirst()
                .orElseThrow(() -> new AssertionError("no live service " + a));
    }
}

package io.skynetspring.benchmarks.runtime.spawn;

import io.skynetspring.benchmarks.runtime.Finish;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Spring application of the skynet spawn benchmark: auto-configuration plus a scanned {@link IdleService}. */
@SpringBootApplication
public class SpawnApp {

    @Bean
    Finish pings() {
        return new Finish();
    }
}

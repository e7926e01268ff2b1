package io.skynetspring.benchmarks.runtime.spawn;

import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.core.Skynet;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;

import java.time.Duration;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/** skynet-spring through the starter, as an application would: {@code skynet.newService("idle")}. */
final class SkynetSpawner implements Spawner {

    // Enough starts in flight to keep both workers busy without queueing a million at once.
    private static final int IN_FLIGHT = 256;

    private ConfigurableApplicationContext context;
    private Skynet skynet;
    private Finish pings;

    @Override
    public String name() {
        return "skynet";
    }

    @Override
    public void start() {
        context = new SpringApplicationBuilder(SpawnApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .bannerMode(Banner.Mode.OFF)
                .run();
        skynet = context.getBean(Skynet.class);
        pings = context.getBean(Finish.class);
    }

    @Override
    public void spawnAndPing(int n) throws Exception {
        pings.arm(n);
        Flux.range(0, n)
                .flatMap(i -> skynet.newService("idle"), IN_FLIGHT)
                .doOnNext(address -> skynet.send(address, "ping", PAYLOAD))
                .then()
                .block(Duration.ofMinutes(10));
        pings.await("skynet spawn");
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}

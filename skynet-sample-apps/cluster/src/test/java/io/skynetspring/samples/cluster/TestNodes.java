package io.skynetspring.samples.cluster;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;

/** The sample's nodes on free ports, and calls to node1's {@code front} service. */
final class TestNodes {

    private TestNodes() {
    }

    static SampleNodes start(String... more) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("skynet.cluster.port", "0");
        properties.put("server.port", "0");
        properties.put("spring.main.keep-alive", "false");
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return SampleNodes.start(properties);
    }

    /** A call to node1's {@code front} (seed 6.2), started on first use as HTTP would. */
    static Mono<Object> front(SampleNodes nodes, String command, Object... args) {
        Skynet skynet = nodes.skynet("node1");
        Address front = skynet.uniqueService("front").block(WAIT);
        return skynet.call(front, command, args);
    }
}

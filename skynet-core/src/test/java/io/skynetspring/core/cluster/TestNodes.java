package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.Responder;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Java nodes on ephemeral loopback ports, each its own runtime and cluster, closed after each test. */
abstract class TestNodes {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<SkynetRuntime> runtimes = new ArrayList<>();

    /** A node with a "kv" service template and the given call deadline. */
    SkynetRuntime runtime(Duration callTimeout) {
        SkynetRuntime rt = SkynetRuntime.start(new NodeSettings(2, 64, 1024, callTimeout, 0), Duration.ofSeconds(1));
        runtimes.add(rt);
        Map<Object, Object> data = new ConcurrentHashMap<>();
        rt.template("kv", ctx -> (cmd, args) -> switch (cmd) {
            case "GET" -> data.get(args[0]);
            case "SET" -> {
                data.put(args[0], args[1]);
                yield null;
            }
            case "echo" -> args.length == 1 ? args[0] : List.of(args);
            case "source" -> ctx.source().toString();
            case "slow" -> {
                Responder r = ctx.response();
                ctx.timeout(Duration.ofMillis((Long) args[0]), () -> r.reply("slow done"));
                yield null;
            }
            case "never" -> {
                ctx.response();
                yield null;
            }
            case "boom" -> throw new ServiceException("kv says no");
            default -> throw new ServiceException("unknown command " + cmd);
        });
        return rt;
    }

    SkynetRuntime runtime() {
        return runtime(Duration.ofSeconds(30));
    }

    /** Starts a cluster listening on a free port, with {@code nodes} as its table. */
    Cluster node(SkynetRuntime rt, String name, Map<String, ?> nodes) {
        Cluster c = Cluster.start(rt, ClusterSettings.defaults().withName(name).withNodes(nodes)
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(400)));
        c.open(0).block(WAIT);
        return c;
    }

    static String at(Cluster c) {
        return "127.0.0.1:" + c.listening().getPort();
    }

    @AfterEach
    void stopNodes() {
        for (SkynetRuntime rt : runtimes) {
            rt.close();
        }
    }
}

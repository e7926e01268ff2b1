package io.skynetspring.benchmarks.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceHandler;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/**
 * The skynet-spring server of {@code cluster-load.sh}: a plain core runtime (no Spring) whose echo
 * service is registered as {@code "@echo"} and whose cluster listens on 127.0.0.1.
 * {@code main([port])}; prints {@code ready port=N} once listening.
 */
public final class SkynetEchoNode implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SkynetRuntime runtime;
    private final int port;

    private SkynetEchoNode(SkynetRuntime runtime, int port) {
        this.runtime = runtime;
        this.port = port;
    }

    /** Starts the node listening on {@code port} (0: a free one). */
    public static SkynetEchoNode start(int port) {
        SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults(), Duration.ofSeconds(2));
        try {
            rt.template("echo", ctx -> new Echo());
            Cluster cluster = Cluster.start(rt, ClusterSettings.defaults().withName("server"));
            Address echo = rt.newService("echo").block(WAIT);
            cluster.register("echo", echo);
            InetSocketAddress at = cluster.open(port).block(WAIT);
            return new SkynetEchoNode(rt, at.getPort());
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        runtime.close();
    }

    /**
     * {@code echo(id, data)} answers {@code {id, data}}; {@code served(reset)} answers how many echoes it
     * made since the last reset.
     */
    static final class Echo implements ServiceHandler {
        private long served;

        @Override
        public Object dispatch(String command, Object[] args) {
            switch (command) {
                case "echo" -> {
                    served++;
                    return Arrays.asList(args);
                }
                case "served" -> {
                    long n = served;
                    if (args.length > 0 && Boolean.TRUE.equals(args[0])) {
                        served = 0;
                    }
                    return n;
                }
                default -> throw new IllegalArgumentException("unknown command " + command + "; echo knows echo(id, data)"
                        + " and served(reset)");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        SkynetEchoNode node = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("ready port=" + node.port());
        Thread.currentThread().join();
    }
}

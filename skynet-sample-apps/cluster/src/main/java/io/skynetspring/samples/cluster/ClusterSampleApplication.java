package io.skynetspring.samples.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's cluster examples (6.1, 6.2): nodes db, cache and node1..node3 (game) in one JVM, each its
 * own application context with its own skynet runtime and cluster port; node1 serves
 * {@code GET /player/{id}}, which finds a game service by {@code cluster.query} and calls it.
 * Arguments {@code --key=value} go to every node.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/cluster spring-boot:run   # then curl localhost:8080/player/1001}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(ClusterSampleProperties.class)
public class ClusterSampleApplication {

    private static final Logger log = LoggerFactory.getLogger(ClusterSampleApplication.class);

    public static void main(String[] args) {
        SampleNodes nodes = SampleNodes.start(properties(args));
        DemoPlayers.save(nodes);
        int port = nodes.httpPort();
        log.info("cluster sample: db_service on node db, .cache on node cache, game_service on node1..node3");
        log.info("cluster sample: try  curl http://localhost:{}/player/1001   (alice, with a cached value)", port);
        log.info("cluster sample: try  curl http://localhost:{}/player/1002   (bob, nothing cached)", port);
        log.info("cluster sample: try  curl http://localhost:{}/services      (game_service as each node answers"
                + " cluster.query)", port);
    }

    private static Map<String, String> properties(String[] args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("argument " + arg + " is not --key=value, as in --server.port=9090");
            }
            properties.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return properties;
    }
}

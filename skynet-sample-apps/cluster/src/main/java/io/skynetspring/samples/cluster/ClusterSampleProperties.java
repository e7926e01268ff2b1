package io.skynetspring.samples.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code front} service looks for game services (seed 6.2).
 *
 * <pre>{@code cluster-sample.game-nodes=node1,node2,node3}</pre>
 */
@ConfigurationProperties("cluster-sample")
public class ClusterSampleProperties {

    /** The nodes asked for {@link #getGameService()} on every call, in this order. */
    private List<String> gameNodes = new ArrayList<>(List.of("node1", "node2", "node3"));

    /** The cluster name the game services register under. */
    private String gameService = "game_service";

    public List<String> getGameNodes() {
        return gameNodes;
    }

    public void setGameNodes(List<String> gameNodes) {
        this.gameNodes = gameNodes;
    }

    public String getGameService() {
        return gameService;
    }

    public void setGameService(String gameService) {
        this.gameService = gameService;
    }
}

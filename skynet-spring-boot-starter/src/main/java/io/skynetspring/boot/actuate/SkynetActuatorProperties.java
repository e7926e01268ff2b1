package io.skynetspring.boot.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the Actuator endpoint, health indicator and meters of skynet may do, under {@code skynet.actuator.*}.
 *
 * <pre>{@code
 * skynet.actuator.kill-enabled=true
 * skynet.actuator.cluster-reload-enabled=true
 * skynet.actuator.mailbox-top=5
 * skynet.actuator.snax-hotfix.enabled=true
 * skynet.actuator.snax-hotfix.root=/srv/hotfix
 * }</pre>
 */
@ConfigurationProperties("skynet.actuator")
public class SkynetActuatorProperties {

    /** Whether the skynet endpoint's write operation may kill services. */
    private boolean killEnabled = false;

    /** Whether the skynet endpoint's write operation may replace the cluster's node table (POST {"nodes": ...}). */
    private boolean clusterReloadEnabled = false;

    /** How many of the longest mailboxes get a skynet.mailbox.top gauge (by rank, never by address). */
    private int mailboxTop = 10;

    /** Health is DOWN while a worker is inside one message longer than this; default: skynet.endless-threshold. */
    private Duration stuckMessage;

    /** The snax endpoint's hotfix operation. */
    private final SnaxHotfix snaxHotfix = new SnaxHotfix();

    public boolean isKillEnabled() {
        return killEnabled;
    }

    public void setKillEnabled(boolean killEnabled) {
        this.killEnabled = killEnabled;
    }

    public boolean isClusterReloadEnabled() {
        return clusterReloadEnabled;
    }

    public void setClusterReloadEnabled(boolean clusterReloadEnabled) {
        this.clusterReloadEnabled = clusterReloadEnabled;
    }

    public int getMailboxTop() {
        return mailboxTop;
    }

    public void setMailboxTop(int mailboxTop) {
        this.mailboxTop = mailboxTop;
    }

    public Duration getStuckMessage() {
        return stuckMessage;
    }

    public void setStuckMessage(Duration stuckMessage) {
        this.stuckMessage = stuckMessage;
    }

    public SnaxHotfix getSnaxHotfix() {
        return snaxHotfix;
    }

    /** Whether the {@code snax} endpoint may load new code into services, and from where. */
    public static class SnaxHotfix {

        /** Whether the snax endpoint's write operation may hotfix services (it runs code from a path it is given). */
        private boolean enabled = false;

        /** If set, a hotfix path is resolved against this folder and must stay inside it. */
        private Path root;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Path getRoot() {
            return root;
        }

        public void setRoot(Path root) {
            this.root = root;
        }
    }
}

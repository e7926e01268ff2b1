package io.skynetspring.benchmarks.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.skynetspring.benchmarks.runtime.pekko.PekkoContender;

/**
 * The settings both Pekko JVMs of {@code cluster-load.sh} share: Artery over TCP on 127.0.0.1, every
 * {@link PekkoEcho.Message} serialized with Jackson CBOR (Pekko's recommended serializer for application
 * messages; Java serialization stays off, as it ships), the 1 MiB workload on Artery's large-message
 * stream, and the default dispatcher sized as in the runtime benchmarks.
 */
final class PekkoRemoting {

    /** Actor names whose messages go over the large-message stream, on both sides. */
    static final String BIG_ECHO = "big-echo";
    static final String BIG_CALLER = "big-caller-";

    private PekkoRemoting() {
    }

    /** The config of a node listening on {@code port} (0: a free one). */
    static Config config(int port) {
        return ConfigFactory.parseString(
                "pekko.actor.provider = remote\n"
                + "pekko.remote.artery.transport = tcp\n"
                // plain remoting between two fixed JVMs is the point here, so no advice to use Pekko Cluster
                + "pekko.remote.warn-about-direct-use = off\n"
                + "pekko.remote.warn-unsafe-watch-outside-cluster = off\n"
                + "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                + "pekko.remote.artery.canonical.port = " + port + "\n"
                + "pekko.remote.artery.large-message-destinations = [\"/user/" + BIG_ECHO + "\", \"/user/"
                + BIG_CALLER + "*\"]\n"
                + "pekko.actor.serialization-bindings {\n"
                + "  \"" + PekkoEcho.Message.class.getName() + "\" = jackson-cbor\n"
                + "}\n")
                .withFallback(PekkoContender.config());
    }
}

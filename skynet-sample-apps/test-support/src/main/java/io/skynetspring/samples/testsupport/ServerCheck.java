package io.skynetspring.samples.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether a server a test needs answers: the test runs if it does; otherwise it is skipped with a
 * visible message, except on CI (CI=true), where a missing server must fail the build.
 *
 * <pre>{@code return ServerCheck.require("Redis", host, port, "SKYNET_REDIS_HOST/SKYNET_REDIS_PORT", context);}</pre>
 */
public final class ServerCheck {

    private ServerCheck() {
    }

    public static ConditionEvaluationResult require(String server, String host, int port, String variables,
                                                    ExtensionContext context) {
        String where = host + ":" + port;
        if (answers(host, port)) {
            return ConditionEvaluationResult.enabled(server + " answers at " + where);
        }
        String why = "no " + server + " at " + where + " (set " + variables + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + ": CI=true, so this fails instead of skipping");
        }
        System.err.println("SKIPPED " + context.getDisplayName() + ": " + why);
        return ConditionEvaluationResult.disabled(why);
    }

    public static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package io.skynetspring.samples.docker;

import org.junit.jupiter.api.Assumptions;

/**
 * A tool a test needs: missing, the test is skipped with a visible message, except on CI (CI=true), where a
 * missing tool must fail the build.
 *
 * <pre>{@code Requirement.require(Docker.whyNoEngine());}</pre>
 */
final class Requirement {

    private Requirement() {
    }

    /** Goes on when {@code whyNot} is null; otherwise skips (or fails on CI) saying why. */
    static void require(String whyNot) {
        if (whyNot == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(whyNot + ": CI=true, so this fails instead of skipping");
        }
        System.err.println("SKIPPED: " + whyNot);
        Assumptions.abort(whyNot);
    }
}

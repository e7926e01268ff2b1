package io.skynetspring.samples.docker;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only where a Docker engine answers (DOCKER_HOST, as .ci/run starts it) and docker-compose
 * runs; otherwise it is skipped with a message, except on CI (CI=true), where it must fail the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsDocker.Condition.class)
@interface NeedsDocker {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why = Docker.whyNoEngine();
            if (why == null) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + ": CI=true, so this fails instead of skipping");
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }
}

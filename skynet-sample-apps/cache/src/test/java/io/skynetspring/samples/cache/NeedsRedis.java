package io.skynetspring.samples.cache;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only when Redis answers at SKYNET_REDIS_HOST:SKYNET_REDIS_PORT; otherwise it is
 * skipped with a message, except on CI (CI=true), where a missing server must fail the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsRedis.Condition.class)
@interface NeedsRedis {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String where = Servers.REDIS_HOST + ":" + Servers.REDIS_PORT;
            if (Servers.answers(Servers.REDIS_HOST, Servers.REDIS_PORT)) {
                return ConditionEvaluationResult.enabled("Redis answers at " + where);
            }
            String why = "no Redis at " + where + " (set SKYNET_REDIS_HOST/SKYNET_REDIS_PORT)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + ": CI=true, so this fails instead of skipping");
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }
}

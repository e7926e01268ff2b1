package io.skynetspring.samples.dbproxy;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only when MariaDB answers at SKYNET_DB_HOST:SKYNET_DB_PORT; otherwise it is
 * skipped with a message, except on CI (CI=true), where a missing server must fail the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsMariaDb.Condition.class)
@interface NeedsMariaDb {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String where = Servers.DB_HOST + ":" + Servers.DB_PORT;
            if (Servers.answers(Servers.DB_HOST, Servers.DB_PORT)) {
                return ConditionEvaluationResult.enabled("MariaDB answers at " + where);
            }
            String why = "no MariaDB at " + where + " (set SKYNET_DB_HOST/SKYNET_DB_PORT)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why + ": CI=true, so this fails instead of skipping");
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + why);
            return ConditionEvaluationResult.disabled(why);
        }
    }
}

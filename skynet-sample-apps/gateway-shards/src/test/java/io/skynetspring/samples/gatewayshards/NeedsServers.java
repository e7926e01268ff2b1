package io.skynetspring.samples.gatewayshards;

import io.skynetspring.samples.testsupport.ServerCheck;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class only when MariaDB and Redis answer; otherwise it is skipped with a message, except
 * on CI (CI=true), where a missing server must fail the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsServers.Condition.class)
@interface NeedsServers {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult db = ServerCheck.require("MariaDB", Servers.DB_HOST, Servers.DB_PORT,
                    "SKYNET_DB_HOST/SKYNET_DB_PORT", context);
            if (db.isDisabled()) {
                return db;
            }
            return ServerCheck.require("Redis", Servers.REDIS_HOST, Servers.REDIS_PORT,
                    "SKYNET_REDIS_HOST/SKYNET_REDIS_PORT", context);
        }
    }
}

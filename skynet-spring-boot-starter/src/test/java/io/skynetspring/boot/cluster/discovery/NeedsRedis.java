package io.skynetspring.boot.cluster.discovery;

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
 * Runs a test class only when Redis answers at SKYNET_REDIS_HOST:SKYNET_REDIS_PORT (default
 * 127.0.0.1:6379); otherwise it is skipped with a message, except on CI (CI=true), where it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsRedis.Condition.class)
@interface NeedsRedis {

    String HOST = Env.get("SKYNET_REDIS_HOST", "127.0.0.1");
    int PORT = Integer.parseInt(Env.get("SKYNET_REDIS_PORT", "6379"));

    final class Env {
        private Env() {
        }

        static String get(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }
    }

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return ServerCheck.require("Redis", HOST, PORT, "SKYNET_REDIS_HOST/SKYNET_REDIS_PORT", context);
        }
    }
}

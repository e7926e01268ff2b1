package io.skynetspring.samples.basics.scheduling;

/**
 * What a worker pool task's callback receives, like Lua's {@code callback(ok, result)}: {@code ok}
 * false means the task raised an error and {@code result} is its message.
 */
public record TaskResult(long task, int worker, boolean ok, Object result) {
}

package io.skynetspring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a {@link SkynetService} instance starts (skynet's {@code skynet.start}); its parameters
 * bind the {@code newService} arguments like a {@link Command}'s. The creator's {@code newService}
 * completes after it returns, or after the {@code Mono}/{@code CompletionStage} it returns completes;
 * an exception fails the start.
 *
 * <pre>{@code @Init public Mono<Void> start(long shards) { ... }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Init {
}

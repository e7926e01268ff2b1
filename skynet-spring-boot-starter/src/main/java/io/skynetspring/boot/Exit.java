package io.skynetspring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs when a {@link SkynetService} instance ends by {@code ctx.exit()} or when the application
 * context closes (after mailboxes drained), while the beans it uses still exist. Not run on
 * {@code kill}. Takes no parameters.
 *
 * <pre>{@code @Exit public void save() { repository.saveAll(dirty); }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Exit {
}

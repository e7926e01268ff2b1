package io.skynetspring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command handler of a {@link SkynetService}: skynet's {@code CMD.name}. Message arguments bind
 * to the parameters in order and convert as Lua numbers do (3.0 fits a {@code long}, 2.5 does not);
 * the return value is the reply, a {@code Mono}/{@code Publisher} or {@code CompletionStage} replies
 * when it completes, and an exception becomes the caller's {@code ServiceException}.
 *
 * <pre>{@code @Command("levelup") public Player levelUp(long id) { ... }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Command {

    /** The command name; defaults to the method name. */
    String value() default "";
}

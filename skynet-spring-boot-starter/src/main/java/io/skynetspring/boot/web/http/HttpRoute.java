package io.skynetspring.boot.web.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves an HTTP route with a {@code @Command} method of a {@code @SkynetService}: each request is a
 * call to the template's unique service (started by the first request if nobody started it) with
 * one {@link HttpRequest} argument; the reply becomes the response (see {@link HttpResponse}).
 * Paths are WebFlux patterns, so {@code /users/{id}} fills {@link HttpRequest#pathVariables()}.
 *
 * <pre>{@code @HttpRoute("/api/data") @Command public Map<String, Object> data(HttpRequest req) { ... }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HttpRoute {

    /** The path pattern. */
    String value();

    /** HTTP methods served; empty serves every method. */
    String[] method() default {"GET"};
}

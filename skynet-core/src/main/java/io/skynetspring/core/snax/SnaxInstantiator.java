package io.skynetspring.core.snax;

import io.skynetspring.core.service.ServiceContext;

/**
 * Makes the instance of a snax service class, inside the new service (at start and at each
 * {@link Snax#hotfix}, where {@code type} is the new version). The default calls a public
 * constructor whose parameters are any of {@link ServiceContext} and {@link Snax}, or none; a
 * Spring application passes one that creates beans.
 *
 * <pre>{@code snax.register(LoginService.class, (type, ctx) -> new LoginService(ctx, users));}</pre>
 */
@FunctionalInterface
public interface SnaxInstantiator {

    Object create(Class<?> type, ServiceContext ctx) throws Exception;
}

/**
 * skynet's {@code snax}: {@link io.skynetspring.core.snax.SnaxService} classes whose
 * {@link io.skynetspring.core.snax.Accept} and {@link io.skynetspring.core.snax.Response} methods
 * are reached through {@link io.skynetspring.core.snax.SnaxHandle}s or typed interfaces, profiled per
 * method, and replaced while they run by {@link io.skynetspring.core.snax.Snax#hotfix}. Decisions and
 * measurements: {@code docs/snax.md}.
 *
 * <pre>{@code
 * SnaxHandle login = Snax.of(runtime).newService(LoginService.class).block();
 * login.req("login", String.class, "alice", "pw").block();
 * }</pre>
 */
package io.skynetspring.core.snax;

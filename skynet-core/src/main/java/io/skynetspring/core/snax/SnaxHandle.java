package io.skynetspring.core.snax;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Shareable;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * A snax service as its callers see it (skynet's snax object): {@code post} for {@link Accept}
 * methods, {@code req} for {@link Response} methods. It may be passed in messages.
 *
 * <pre>{@code
 * SnaxHandle login = snax.newService(LoginService.class).block();
 * login.post("registerGate", 1, gate);
 * Token t = login.req("login", Token.class, "alice", "secret").block();
 * }</pre>
 */
@Shareable
public final class SnaxHandle {

    private final Snax snax;
    private final Address address;
    private final String name;

    SnaxHandle(Snax snax, Address address, String name) {
        this.snax = snax;
        this.address = address;
        this.name = name;
    }

    public Address address() {
        return address;
    }

    /** The snax name the service was started as. */
    public String name() {
        return name;
    }

    /**
     * Queues a call of the {@link Accept} method {@code method} (skynet's {@code obj.post.method(...)});
     * false when the service is gone or its mailbox refused it. Throws {@link IllegalArgumentException}
     * for an unknown method or a {@link Response} method, naming the known ones.
     */
    public boolean post(String method, Object... args) {
        return snax.post(this, method, args);
    }

    /**
     * Calls the {@link Response} method {@code method} (skynet's {@code obj.req.method(...)}); an unknown
     * method or an {@link Accept} method fails the {@code Mono} with a {@code ServiceException} naming the
     * known ones. Cold, like {@code call}.
     */
    public Mono<Object> req(String method, Object... args) {
        return snax.req(this, method, args);
    }

    /** {@link #req(String, Object...)} with the reply converted to {@code type} (numbers as Lua converts them). */
    public <T> Mono<T> req(String method, Class<T> type, Object... args) {
        return snax.req(this, method, type, args);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnaxHandle h && h.address.equals(address) && h.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, name);
    }

    @Override
    public String toString() {
        return "snax " + name + " " + address;
    }
}

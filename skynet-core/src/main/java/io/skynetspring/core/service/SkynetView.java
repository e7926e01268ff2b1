package io.skynetspring.core.service;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;

/** The {@link Skynet} API as seen by one caller: a service, or code outside any service. */
abstract class SkynetView implements Skynet {

    final Node node;
    final Duration callTimeout;

    SkynetView(Node node, Duration callTimeout) {
        this.node = node;
        this.callTimeout = callTimeout;
    }

    /** The calling service, or null when the caller is outside every service. */
    abstract ServiceCell callerCell();

    /** The source of a send: the caller, but a send is a hand-off that any thread may make for a service. */
    ServiceCell senderCell() {
        return callerCell();
    }

    @Override
    public Mono<Address> newService(String template, Object... args) {
        return node.newService(callerCell(), template, args);
    }

    @Override
    public Mono<Address> uniqueService(String template, Object... args) {
        return node.uniqueService(callerCell(), template, args);
    }

    @Override
    public Mono<Address> queryService(String template) {
        return node.queryService(callerCell(), template);
    }

    @Override
    public Optional<Address> resolve(String name) {
        ServiceCell c = node.resolve(name);
        return c == null || c.state == ServiceCell.DEAD ? Optional.empty() : Optional.of(c.address);
    }

    @Override
    public void name(String name, Address address) {
        ServiceCell c = node.cell(address);
        if (c == null) {
            throw new IllegalArgumentException("cannot name " + address + ": no such service");
        }
        node.name(name, c);
    }

    @Override
    public boolean send(Address target, String command, Object... args) {
        if (target == null || target.isNone()) {
            throw new IllegalArgumentException("Invalid service address " + target);
        }
        return node.send(senderCell(), node.cell(target), command, args);
    }

    @Override
    public boolean send(String target, String command, Object... args) {
        return node.send(senderCell(), node.resolve(target), command, args);
    }

    @Override
    public Mono<Object> call(Address target, String command, Object... args) {
        if (target == null) {
            return Mono.error(new ServiceException("call '" + command + "' to a null address"));
        }
        ServiceCell caller = callerCell();
        return Mono.defer(() -> node.call(caller, node.cell(target), target, command, args, callTimeout));
    }

    @Override
    public Mono<Object> call(String target, String command, Object... args) {
        ServiceCell caller = callerCell();
        return Mono.defer(() -> node.call(caller, node.resolve(target), target, command, args, callTimeout));
    }

    @Override
    public <T> Mono<T> call(Address target, String command, Class<T> type, Object... args) {
        return typed(call(target, command, args), String.valueOf(target), command, type);
    }

    @Override
    public <T> Mono<T> call(String target, String command, Class<T> type, Object... args) {
        return typed(call(target, command, args), target, command, type);
    }

    private static <T> Mono<T> typed(Mono<Object> reply, String target, String command, Class<T> type) {
        return reply.handle((v, sink) -> {
            try {
                sink.next(LuaValues.convert(v, type));
            } catch (IllegalArgumentException e) {
                sink.error(new ServiceException("reply of '" + command + "' from " + target
                        + " does not fit " + type.getSimpleName() + ": " + e.getMessage()));
            }
        });
    }

    @Override
    public BatchRequest request() {
        return new BatchCalls(node, callerCell(), this);
    }

    @Override
    public void kill(Address target) {
        node.kill(target);
    }

    @Override
    public String getenv(String key) {
        return node.getenv(key);
    }

    @Override
    public void setenv(String key, String value) {
        node.setenv(key, value);
    }

    @Override
    public long now() {
        return node.now();
    }

    @Override
    public double time() {
        return node.now() / 100.0 + node.starttime();
    }

    @Override
    public long starttime() {
        return node.starttime();
    }

    /** The view for code outside services: the caller is whichever service runs on this thread, if any. */
    static final class FromThread extends SkynetView {

        FromThread(Node node, Duration callTimeout) {
            super(node, callTimeout);
        }

        @Override
        ServiceCell callerCell() {
            return ServiceCell.current(node);
        }

        @Override
        public Skynet withTimeout(Duration timeout) {
            return new FromThread(node, positive(timeout));
        }
    }

    static Duration positive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, was " + timeout);
        }
        return timeout;
    }
}

package io.skynetspring.samples.snax.gate;

import reactor.core.publisher.Mono;

/**
 * The gate server as a typed interface ({@code snax.bind(gate, GateApi.class)}): {@code void} methods
 * post, {@code Mono} methods req.
 */
public interface GateApi {

    void accept(int id, String addr);

    void disconnect(int id);

    Mono<Handshake> handshake(int id);

    Mono<LoginTicket> login(int id, String username, String password);

    Mono<Integer> version();
}

package io.skynetspring.samples.snax.login;

import reactor.core.publisher.Mono;

/** The login server as a typed interface ({@code snax.bind(login, LoginApi.class)}). */
public interface LoginApi {

    Mono<LoginReply> login(String username, String password);

    Mono<LoginReply> logout(String token);

    void registerGate(int gateId, String gateAddr);
}

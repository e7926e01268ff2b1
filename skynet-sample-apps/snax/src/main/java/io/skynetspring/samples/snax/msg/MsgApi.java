package io.skynetspring.samples.snax.msg;

import io.skynetspring.core.snax.SnaxHandle;
import reactor.core.publisher.Mono;

/** The message server as a typed interface ({@code snax.bind(msg, MsgApi.class)}). */
public interface MsgApi {

    void connection(int sessionId, SnaxHandle client);

    void disconnect(int sessionId);

    Mono<Boolean> listen(int port);

    Mono<SendResult> sendMessage(int sessionId, String message);
}

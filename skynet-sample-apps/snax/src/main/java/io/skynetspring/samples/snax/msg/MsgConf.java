package io.skynetspring.samples.snax.msg;

/** What the message server starts with: the seed's {@code conf.host}, {@code conf.port}, and a bound on sessions. */
public record MsgConf(String host, int port, int maxSessions) {
}

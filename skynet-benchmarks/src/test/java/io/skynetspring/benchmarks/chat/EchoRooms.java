package io.skynetspring.benchmarks.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the chat sample, only to exercise {@link ChatLoad}'s client in tests: {@code join} and
 * {@code say} of the chat protocol, each line sent to every member of the room with the room's sequence
 * number. With {@code refuseSays} every {@code say} gets a {@code rate-limited} error instead.
 */
final class EchoRooms implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final boolean refuseSays;
    private final DisposableServer server;

    private EchoRooms(boolean refuseSays) {
        this.refuseSays = refuseSays;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.ws("/chat", this::member))
                .bindNow();
    }

    static EchoRooms start(boolean refuseSays) {
        return new EchoRooms(refuseSays);
    }

    int port() {
        return server.port();
    }

    private Mono<Void> member(WebsocketInbound in, WebsocketOutbound out) {
        Member me = new Member();
        Mono<Void> receive = in.receive().asString().doOnNext(text -> me.handle(text)).then()
                .doFinally(s -> me.leave());
        return out.sendString(me.outbox.asFlux()).then().or(receive);
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private final class Member {
        final Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(4096).get());
        Room room;
        String nick;

        void handle(String text) {
            JsonNode frame;
            try {
                frame = json.readTree(text);
            } catch (IOException e) {
                send(error("bad-request"));
                return;
            }
            switch (frame.path("type").asText()) {
                case "join" -> {
                    nick = frame.path("nick").asText();
                    room = rooms.computeIfAbsent(frame.path("room").asText(), Room::new);
                    room.join(this);
                }
                case "say" -> {
                    if (room == null) {
                        send(error("not-joined"));
                    } else if (refuseSays) {
                        send(error("rate-limited"));
                    } else {
                        room.say(nick, frame.path("text").asText());
                    }
                }
                default -> send(error("bad-request"));
            }
        }

        void leave() {
            if (room != null) {
                room.leave(this);
            }
        }

        synchronized void send(String frame) {
            outbox.tryEmitNext(frame);
        }

        private String error(String code) {
            return json.createObjectNode().put("type", "error").put("code", code).put("message", code).toString();
        }
    }

    private final class Room {
        final String name;
        final List<Member> members = new ArrayList<>();
        long seq;

        Room(String name) {
            this.name = name;
        }

        synchronized void join(Member m) {
            members.add(m);
            ObjectNode joined = json.createObjectNode().put("type", "joined").put("room", name).put("nick", m.nick);
            joined.putArray("history");
            members.forEach(x -> joined.withArray("online").add(x.nick));
            m.send(joined.toString());
        }

        synchronized void leave(Member m) {
            members.remove(m);
        }

        synchronized void say(String nick, String text) {
            String frame = json.createObjectNode().put("type", "message").put("room", name).put("nick", nick)
                    .put("text", text).put("ts", System.currentTimeMillis()).put("seq", ++seq).toString();
            members.forEach(m -> m.send(frame));
        }
    }
}

package io.skynetspring.samples.chat;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSocketRoute;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The chat's WebSocket endpoint {@code /chat} (a unique service): reads each connection's JSON
 * frames, applies the limits of {@link ChatProperties}, answers a refusal with an {@code error}
 * frame (the connection stays open) and forwards the rest to the connection's {@code room}.
 * A frame that arrives while the connection's join is being answered waits for that answer, so a
 * client may send {@code join} and {@code say} back to back.
 *
 * <pre>{@code ws://localhost:8080/chat  ->  {"type":"join","room":"lobby","nick":"alice"}}</pre>
 */
@SkynetService(value = "chat", mailboxCapacity = 65536)
@WebSocketRoute("/chat")
public class ChatSocket {

    private final ServiceContext ctx;
    private final WebSockets ws;
    private final JsonMapper json;
    private final ChatFrames frames;
    private final ChatProperties limits;
    private final Map<Long, Peer> peers = new HashMap<>();
    private Address rooms;

    public ChatSocket(ServiceContext ctx, WebSockets ws, JsonMapper json, ChatFrames frames, ChatProperties limits) {
        this.ctx = ctx;
        this.ws = ws;
        this.json = json;
        this.frames = frames;
        this.limits = limits;
    }

    @Init
    public Mono<Void> start() {
        return ctx.uniqueService("rooms").doOnNext(a -> rooms = a).then();
    }

    @Command
    public void connect(long id) {
        peers.put(id, new Peer(new TokenBucket(limits.getSayRate(), limits.getSayBurst(), System.nanoTime())));
    }

    @Command
    public void message(long id, Object data, Frame kind) {
        Peer peer = peers.get(id);
        if (peer == null) {
            // its connect did not get in (a full mailbox); a connection's events keep their order, so it is open
            connect(id);
            peer = peers.get(id);
        }
        if (kind != Frame.TEXT) {
            refuse(id, "bad-request", "send text frames of JSON, such as {\"type\":\"say\",\"text\":\"hi\"}");
        } else if (peer.joining) {
            // the room sends "joined" itself, so a client may see it and send its whole say burst before
            // the room's answer reaches this service: that much always waits here
            if (peer.waiting.size() >= Math.max(limits.getMaxWaiting(), limits.getSayBurst() + 8)) {
                refuse(id, "bad-request", "too many frames before the answer to your join; wait for \"joined\"");
            } else {
                peer.waiting.addLast((String) data);
            }
        } else {
            handle(id, peer, (String) data);
        }
    }

    @Command
    public void close(long id) {
        Peer peer = peers.remove(id);
        if (peer != null) {
            peer.closed = true;
            peer.waiting.clear();
            if (peer.room != null) {
                ctx.send(peer.room, "leave", id);
            }
        }
    }

    private void handle(long id, Peer peer, String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            refuse(id, "bad-request", "a frame is one JSON object, such as {\"type\":\"say\",\"text\":\"hi\"}");
            return;
        }
        String type = frame != null && frame.isObject() ? string(frame, "type") : null;
        if (type == null) {
            refuse(id, "bad-request", "a frame is one JSON object with a \"type\": join, say, nick, who or leave");
            return;
        }
        switch (type) {
            case "join" -> join(id, peer, string(frame, "room"), string(frame, "nick"));
            case "say" -> say(id, peer, frame.get("text"));
            case "nick" -> nick(id, peer, string(frame, "nick"));
            case "who" -> forward(id, peer, "who");
            case "leave" -> {
                if (forward(id, peer, "leave")) {
                    peer.room = null;
                }
            }
            default -> refuse(id, "bad-request", "unknown type \"" + shorten(type)
                    + "\"; use join, say, nick, who or leave");
        }
    }

    private void join(long id, Peer peer, String room, String nick) {
        if (!Names.isRoom(room)) {
            refuse(id, "bad-room", Names.ROOM_RULE + ", such as lobby");
            return;
        }
        if (!Names.isNick(nick)) {
            refuse(id, "bad-nick", Names.NICK_RULE + ", such as alice_2");
            return;
        }
        peer.joining = true;
        ctx.call(rooms, "room", Address.class, room)
                .flatMap(address -> ctx.call(address, "join", Boolean.class, id, nick)
                        .filter(Boolean::booleanValue)
                        .map(ok -> address))
                .subscribe(address -> joined(id, peer, address),
                        e -> {
                            joinFailed(id, room, e);
                            resume(id, peer);
                        },
                        () -> resume(id, peer));
    }

    private void joined(long id, Peer peer, Address room) {
        if (peer.closed) {
            ctx.send(room, "leave", id);
            return;
        }
        if (peer.room != null && !peer.room.equals(room)) {
            ctx.send(peer.room, "leave", id);
        }
        peer.room = room;
    }

    private void joinFailed(long id, String room, Throwable e) {
        if (e instanceof ServiceException se && "room".equals(se.command())) {
            refuse(id, "bad-room", se.reason());
        } else {
            ctx.incidents().warn("chat.join.failed", ctx.self(), "join of room {} by connection {} failed: {}",
                    room, id, e.toString());
            ws.write(id, frames.error("unavailable", "room " + room + " did not answer; join again in a moment"));
        }
    }

    /** Handles the frames that waited for the join, until one of them is a join again. */
    private void resume(long id, Peer peer) {
        peer.joining = false;
        String next;
        while (!peer.joining && !peer.closed && (next = peer.waiting.pollFirst()) != null) {
            handle(id, peer, next);
        }
    }

    private void say(long id, Peer peer, JsonNode text) {
        if (peer.room == null) {
            refuse(id, "not-joined", "join a room before you say something");
        } else if (text == null || !text.isString() || text.stringValue().isBlank()) {
            refuse(id, "bad-request", "a say needs a \"text\" string that is not empty");
        } else if (text.stringValue().codePointCount(0, text.stringValue().length()) > limits.getMaxText()) {
            refuse(id, "too-long", "a message is at most " + limits.getMaxText()
                    + " characters; split it into shorter ones");
        } else if (!peer.bucket.take(System.nanoTime())) {
            refuse(id, "rate-limited", "at most " + limits.getSayBurst() + " messages at once and "
                    + rate() + " a second after that; wait a moment, then send again");
        } else {
            send(id, peer, "say", text.stringValue());
        }
    }

    private void nick(long id, Peer peer, String nick) {
        if (!Names.isNick(nick)) {
            refuse(id, "bad-nick", Names.NICK_RULE + ", such as alice_2");
        } else if (peer.room == null) {
            refuse(id, "not-joined", "join a room before you change your nick (join carries the nick)");
        } else {
            send(id, peer, "nick", nick);
        }
    }

    private boolean forward(long id, Peer peer, String command) {
        if (peer.room == null) {
            refuse(id, "not-joined", "join a room first, with {\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"you\"}");
            return false;
        }
        return send(id, peer, command);
    }

    private boolean send(long id, Peer peer, String command, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = id;
        System.arraycopy(more, 0, args, 1, more.length);
        if (ctx.send(peer.room, command, args)) {
            return true;
        }
        ctx.incidents().warn("chat.room.refused", ctx.self(), "room {} refused {} of connection {}",
                peer.room, command, id);
        ws.write(id, frames.error("unavailable", "your room is busy or gone; join it again"));
        return false;
    }

    /** A broken frame is logged (rate-limited); a user's pace, length or order mistakes are only counted. */
    private void refuse(long id, String code, String message) {
        if (code.equals("bad-request")) {
            ctx.incidents().warn("chat.bad-request", ctx.self(), "chat connection {}: {}", id, message);
        } else {
            ctx.incidents().record("chat." + code);
        }
        ws.write(id, frames.error(code, message));
    }

    private String rate() {
        double r = limits.getSayRate();
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static String string(JsonNode frame, String field) {
        JsonNode v = frame.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    private static String shorten(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "...";
    }

    /** One connection's state; only this service touches it. */
    private static final class Peer {
        final TokenBucket bucket;
        final ArrayDeque<String> waiting = new ArrayDeque<>();
        Address room;
        boolean joining;
        boolean closed;

        Peer(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }
}

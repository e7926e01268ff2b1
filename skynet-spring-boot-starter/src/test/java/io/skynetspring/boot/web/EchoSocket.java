package io.skynetspring.boot.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSocketRoute;
import io.skynetspring.boot.web.websocket.WebSockets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The seed's WebSocket server: echoes, and keeps each connection's events for the tests to read. */
@SkynetService("wsecho")
@WebSocketRoute("/ws")
public class EchoSocket {

    private final WebSockets ws;
    private final Map<Long, List<String>> events = new HashMap<>();

    public EchoSocket(WebSockets ws) {
        this.ws = ws;
    }

    @Command
    public void connect(long id, String addr) {
        note(id, "connect");
    }

    @Command
    public boolean handshake(long id, Map<String, String> headers, String url) {
        note(id, "handshake " + url);
        return !headers.containsKey("x-refuse");
    }

    @Command
    public void message(long id, Object data, Frame kind) {
        if (kind == Frame.BINARY) {
            ws.write(id, data, Frame.BINARY);
            return;
        }
        String text = (String) data;
        if (text.startsWith("flood ")) {
            flood(id, Integer.parseInt(text.substring("flood ".length())));
            return;
        }
        switch (text) {
            case "whoami" -> ws.write(id, "id " + id);
            case "ping-me" -> ws.ping(id);
            case "close-me" -> ws.close(id, 4001, "kicked");
            default -> ws.write(id, "echo: " + text, Frame.TEXT);
        }
    }

    /** Writes {@code frames} frames of 60 KB to a peer, noting how many were taken, refused, and the most ever unsent. */
    private void flood(long id, int frames) {
        byte[] frame = new byte[60 * 1024];
        int accepted = 0;
        int refused = 0;
        long maxUnsent = 0;
        for (int i = 0; i < frames; i++) {
            if (ws.write(id, frame, Frame.BINARY)) {
                accepted++;
            } else {
                refused++;
            }
            maxUnsent = Math.max(maxUnsent, ws.unsent(id));
        }
        note(id, "flood accepted " + accepted + " refused " + refused + " max-unsent " + maxUnsent);
    }

    @Command
    public void pong(long id) {
        note(id, "pong");
        ws.write(id, "pong received");
    }

    @Command
    public void error(long id, String error) {
        note(id, "error");
    }

    @Command
    public void close(long id, int code, String reason) {
        note(id, "close " + code + " " + reason);
    }

    @Command
    public List<String> events(long id) {
        return List.copyOf(events.getOrDefault(id, List.of()));
    }

    private void note(long id, String event) {
        events.computeIfAbsent(id, k -> new ArrayList<>()).add(event);
    }
}

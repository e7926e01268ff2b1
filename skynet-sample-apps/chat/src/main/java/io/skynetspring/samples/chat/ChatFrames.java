package io.skynetspring.samples.chat;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the server's frames of the chat protocol (README, "Protocol") as JSON text. Text from
 * users goes out as it came: escaping it for a page is the page's job ({@code textContent}).
 *
 * <pre>{@code webSockets.write(id, frames.error("too-long", "say at most 500 characters"));}</pre>
 */
@Component
public class ChatFrames {

    private final JsonMapper json;

    public ChatFrames(JsonMapper json) {
        this.json = json;
    }

    public String joined(String room, String nick, Collection<Line> history, Collection<String> online, long started) {
        Map<String, Object> f = frame("joined");
        f.put("room", room);
        f.put("nick", nick);
        f.put("history", history);
        f.put("online", online);
        f.put("started", started);
        return write(f);
    }

    public String message(String room, Line line) {
        Map<String, Object> f = frame("message");
        f.put("room", room);
        f.put("nick", line.nick());
        f.put("text", line.text());
        f.put("ts", line.ts());
        f.put("seq", line.seq());
        return write(f);
    }

    /** {@code event} is join, leave or nick; {@code old} is the previous nick of a nick event, else null (left out). */
    public String presence(String room, String event, String nick, String old, Collection<String> online) {
        Map<String, Object> f = frame("presence");
        f.put("room", room);
        f.put("event", event);
        f.put("nick", nick);
        if (old != null) {
            f.put("old", old);
        }
        f.put("online", online);
        return write(f);
    }

    public String who(String room, Collection<String> online) {
        Map<String, Object> f = frame("who");
        f.put("room", room);
        f.put("online", online);
        return write(f);
    }

    /** {@code code}: too-long, rate-limited, bad-request, not-joined, nick-taken, bad-nick, bad-room. */
    public String error(String code, String message) {
        Map<String, Object> f = frame("error");
        f.put("code", code);
        f.put("message", message);
        return write(f);
    }

    private static Map<String, Object> frame(String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        return f;
    }

    private String write(Map<String, Object> frame) {
        return json.writeValueAsString(frame);
    }
}

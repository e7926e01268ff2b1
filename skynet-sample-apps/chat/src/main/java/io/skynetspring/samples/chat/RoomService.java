package io.skynetspring.samples.chat;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.service.ServiceContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chat room: its members (connection id to nick, in the order they joined), its last lines and
 * its sequence. Every frame about the room is written by this service, so all members see its
 * lines in one order. The {@code chat} service has checked the input; the room checks what only it
 * knows (a nick taken in the room).
 *
 * <pre>{@code Address lobby = skynet.newService("room", "lobby").block(); skynet.send(lobby, "say", id, "hi");}</pre>
 */
@SkynetService(value = "room", mailboxCapacity = 65536)
public class RoomService {

    private final ServiceContext ctx;
    private final WebSockets ws;
    private final ChatFrames frames;
    private final int historySize;
    private final Map<Long, String> members = new LinkedHashMap<>();
    private final ArrayDeque<Line> history = new ArrayDeque<>();
    private final long started = System.currentTimeMillis();
    private String name;
    private long seq;

    public RoomService(ServiceContext ctx, WebSockets ws, ChatFrames frames, ChatProperties properties) {
        this.ctx = ctx;
        this.ws = ws;
        this.frames = frames;
        this.historySize = properties.getHistory();
    }

    @Init
    public void start(String name) {
        this.name = name;
    }

    /**
     * Connection {@code id} joins as {@code nick} (again: a rejoin may change the nick) and gets the
     * {@code joined} frame; false, with a {@code nick-taken} error to it, if another member has the nick.
     */
    @Command
    public boolean join(long id, String nick) {
        if (taken(nick, id)) {
            ws.write(id, frames.error("nick-taken", "\"" + nick + "\" is already in room " + name
                    + "; choose another nick"));
            return false;
        }
        String old = members.put(id, nick);
        ws.write(id, frames.joined(name, nick, history, online(), started));
        if (old == null) {
            broadcast(frames.presence(name, "join", nick, null, online()), id);
        } else if (!old.equals(nick)) {
            broadcast(frames.presence(name, "nick", nick, old, online()), id);
        }
        return true;
    }

    @Command
    public void say(long id, String text) {
        String nick = members.get(id);
        if (nick == null) {
            ws.write(id, notJoined());
            return;
        }
        Line line = new Line(nick, text, System.currentTimeMillis(), ++seq);
        history.addLast(line);
        while (history.size() > historySize) {
            history.removeFirst();
        }
        broadcast(frames.message(name, line), -1);
    }

    @Command
    public void nick(long id, String nick) {
        String old = members.get(id);
        if (old == null) {
            ws.write(id, notJoined());
        } else if (taken(nick, id)) {
            ws.write(id, frames.error("nick-taken", "\"" + nick + "\" is already in room " + name
                    + "; choose another nick"));
        } else if (!old.equals(nick)) {
            members.put(id, nick);
            broadcast(frames.presence(name, "nick", nick, old, online()), -1);
        }
    }

    @Command
    public void who(long id) {
        ws.write(id, members.containsKey(id) ? frames.who(name, online()) : notJoined());
    }

    /** The member leaves (its own request, another room joined, or its connection closed); all are told, the leaver too. */
    @Command
    public void leave(long id) {
        String nick = members.get(id);
        if (nick == null) {
            return;
        }
        List<String> after = new ArrayList<>(members.values());
        after.remove(nick);
        broadcast(frames.presence(name, "leave", nick, null, after), -1);
        members.remove(id);
    }

    private boolean taken(String nick, long id) {
        for (Map.Entry<Long, String> m : members.entrySet()) {
            if (m.getKey() != id && m.getValue().equals(nick)) {
                return true;
            }
        }
        return false;
    }

    private List<String> online() {
        return new ArrayList<>(members.values());
    }

    private String notJoined() {
        return frames.error("not-joined", "you are not in room " + name + "; send a join first");
    }

    /** To every member but {@code except}; a member whose connection refuses the frame misses it (its socket is slow or gone). */
    private void broadcast(String frame, long except) {
        for (Long id : members.keySet()) {
            if (id != except && !ws.write(id, frame)) {
                ctx.incidents().record("chat.frame.dropped");
            }
        }
    }
}

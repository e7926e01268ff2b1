package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.gateway.GatewayProperties;
import io.skynetspring.samples.gateway.link.ClientLink;
import io.skynetspring.samples.gateway.protocol.GameProtocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scene: its players and where they stand. A move is encoded once as {@code player_move} and
 * written to every other player's connection directly, so a broadcast is one message to the scene,
 * not one per watcher. At most {@code gateway.scene-capacity} players.
 *
 * <pre>{@code skynet.send(scene, "move", 1001L, 3, 4);}</pre>
 */
@SkynetService("scene")
public class Scene {

    private final GameProtocol protocol;
    private final int capacity;
    private final Map<Long, Member> members = new LinkedHashMap<>();
    private int number;

    public Scene(GameProtocol protocol, GatewayProperties properties) {
        this.protocol = protocol;
        this.capacity = properties.getSceneCapacity();
    }

    @Init
    public void start(int scene) {
        this.number = scene;
    }

    /**
     * Player {@code id} enters at {@code x, y}: it gets a {@code player_move} for everyone present,
     * and everyone gets one for it.
     */
    @Command
    public boolean enter(long id, ClientLink link, int x, int y) {
        if (!members.containsKey(id) && members.size() >= capacity) {
            throw new ServiceException("scene " + number + " is full (" + capacity + " players); enter another scene");
        }
        for (Map.Entry<Long, Member> e : members.entrySet()) {
            if (e.getKey() != id) {
                link.send(protocol.playerMove(e.getKey(), e.getValue().x, e.getValue().y));
            }
        }
        members.put(id, new Member(link, x, y));
        broadcast(id, protocol.playerMove(id, x, y));
        return true;
    }

    @Command
    public void move(long id, int x, int y) {
        Member m = members.get(id);
        if (m == null) {
            return;
        }
        m.x = x;
        m.y = y;
        broadcast(id, protocol.playerMove(id, x, y));
    }

    /** Player {@code id} leaves if {@code link} is still its connection (a newer login may have replaced it). */
    @Command
    public void leave(long id, ClientLink link) {
        Member m = members.get(id);
        if (m != null && m.link == link) {
            members.remove(id);
            broadcast(id, protocol.playerLeave(id));
        }
    }

    @Command
    public int players() {
        return members.size();
    }

    private void broadcast(long from, byte[] packet) {
        for (Map.Entry<Long, Member> e : members.entrySet()) {
            if (e.getKey() != from) {
                // false: that client is gone or not reading, and its gate is closing it
                e.getValue().link.send(packet);
            }
        }
    }

    private static final class Member {
        final ClientLink link;
        int x;
        int y;

        Member(ClientLink link, int x, int y) {
            this.link = link;
            this.x = x;
            this.y = y;
        }
    }
}

package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.samples.gateway.GatewayProperties;
import io.skynetspring.samples.gateway.link.ClientLink;
import io.skynetspring.samples.gateway.link.Fanout;
import io.skynetspring.samples.gateway.protocol.GameProtocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scene: its players and where they stand. Moves are written to the other players' connections
 * directly, {@code gateway.scene-flush} (20 ms) after the first of them, or with 0 after the mail
 * already waiting in the scene's mailbox: a lone move goes out as one {@code player_move}; the moves
 * that came meanwhile (at most {@value #MAX_BATCH}) as one {@code player_moves} per player, so a
 * scene's writes grow with its players, not with its players times their moves; the TCP clients of one
 * packet share its frame ({@link Fanout}). At most
 * {@code gateway.scene-capacity} players.
 *
 * <pre>{@code skynet.send(scene, "move", 1001L, 3, 4);}</pre>
 */
@SkynetService("scene")
public class Scene {

    /** Moves in one {@code player_moves}: about 3 KB at most, under the gate's frame cap. */
    static final int MAX_BATCH = 100;

    private final ServiceContext ctx;
    private final GameProtocol protocol;
    private final int capacity;
    private final Duration flushDelay;
    private final Map<Long, Member> members = new LinkedHashMap<>();
    /** Moves not yet written, oldest first; flushed after the mail that queued behind the first. */
    private final List<GameProtocol.Move> pending = new ArrayList<>();
    /** The members with a move in {@code pending}. */
    private final List<Member> movers = new ArrayList<>();
    /** Scratch: the pending moves of everyone but one mover. */
    private final List<GameProtocol.Move> others = new ArrayList<>();
    /** The members a packet goes to, TCP clients sharing one frame. */
    private final Fanout fanout = new Fanout();
    private boolean flushQueued;
    private int number;

    public Scene(ServiceContext ctx, GameProtocol protocol, GatewayProperties properties) {
        this.ctx = ctx;
        this.protocol = protocol;
        this.capacity = properties.getSceneCapacity();
        this.flushDelay = properties.getSceneFlush();
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
        flush();
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
        if (!m.moved) {
            m.moved = true;
            movers.add(m);
        }
        pending.add(new GameProtocol.Move(id, x, y));
        if (pending.size() >= MAX_BATCH) {
            flush();
        } else if (!flushQueued) {
            flushQueued = true;
            if (flushDelay.isZero()) {
                ctx.fork(this::flush);
            } else {
                ctx.timeout(flushDelay, this::flush);
            }
        }
    }

    /** Player {@code id} leaves if {@code link} is still its connection (a newer login may have replaced it). */
    @Command
    public void leave(long id, ClientLink link) {
        Member m = members.get(id);
        if (m != null && m.link == link) {
            flush();
            members.remove(id);
            broadcast(id, protocol.playerLeave(id));
        }
    }

    @Command
    public int players() {
        return members.size();
    }

    private void flush() {
        flushQueued = false;
        if (pending.isEmpty()) {
            return;
        }
        try {
            if (pending.size() == 1) {
                GameProtocol.Move only = pending.get(0);
                broadcast(only.id(), protocol.playerMove(only));
                return;
            }
            // everyone gets the same packet, except that a mover's own moves are left out of its copy
            for (Map.Entry<Long, Member> e : members.entrySet()) {
                Member m = e.getValue();
                if (!m.moved) {
                    fanout.add(m.link);
                    continue;
                }
                long member = e.getKey();
                others.clear();
                for (GameProtocol.Move move : pending) {
                    if (move.id() != member) {
                        others.add(move);
                    }
                }
                if (others.size() == 1) {
                    m.link.send(protocol.playerMove(others.get(0)));
                } else if (!others.isEmpty()) {
                    m.link.send(protocol.playerMoves(others));
                }
            }
            fanout.send(protocol.playerMoves(pending));
        } finally {
            // a failed write drops this batch, not the scene's next ones
            fanout.clear();
            others.clear();
            pending.clear();
            for (Member m : movers) {
                m.moved = false;
            }
            movers.clear();
        }
    }

    private void broadcast(long from, byte[] packet) {
        for (Map.Entry<Long, Member> e : members.entrySet()) {
            if (e.getKey() != from) {
                fanout.add(e.getValue().link);
            }
        }
        // a client that is gone or not reading skips it, and its gate is closing it
        fanout.send(packet);
    }

    private static final class Member {
        final ClientLink link;
        int x;
        int y;
        /** Has a move in {@code pending}. */
        boolean moved;

        Member(ClientLink link, int x, int y) {
            this.link = link;
            this.x = x;
            this.y = y;
        }
    }
}

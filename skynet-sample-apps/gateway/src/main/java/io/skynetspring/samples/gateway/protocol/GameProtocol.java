package io.skynetspring.samples.gateway.protocol;

import io.skynetspring.core.service.Shareable;
import io.skynetspring.sproto.Dispatched;
import io.skynetspring.sproto.Host;
import io.skynetspring.sproto.RequestPacker;
import io.skynetspring.sproto.Sproto;
import io.skynetspring.sproto.SprotoLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The gateway's two sproto schemas ({@code proto/c2s.sproto}, {@code proto/s2c.sproto}), skynet's
 * example protocol plus the game's, as the server uses them: a host that dispatches client packets
 * within a packet cap, and the server's pushes. Immutable, shared by every agent and scene.
 *
 * <pre>{@code byte[] push = protocol.playerMove(1001, 3, 4);   // one packet, written to every watcher}</pre>
 */
@Shareable
public final class GameProtocol {

    private final Sproto c2s;
    private final Sproto s2c;
    private final Host host;
    private final RequestPacker push;
    private final byte[] emptyHeartbeat;

    /** The schemas with packets capped at {@code maxPacket} bytes (0-packed) and 256 decoded values. */
    public GameProtocol(int maxPacket) {
        SprotoLimits limits = SprotoLimits.DEFAULT.withMaxPacketBytes(maxPacket).withMaxMessageBytes(8 * maxPacket)
                .withMaxValues(256);
        this.c2s = Sproto.parse(schema("c2s")).withLimits(limits);
        this.s2c = Sproto.parse(schema("s2c")).withLimits(limits);
        this.host = c2s.host();
        this.push = host.attach(s2c);
        this.emptyHeartbeat = push.pack("heartbeat", Map.of());
    }

    /** Client to server: handshake, get, set, quit (skynet's example), login, move, logout. */
    public Sproto c2s() {
        return c2s;
    }

    /** Server to client: heartbeat (skynet's example), player_move, player_leave, kick, player_moves. */
    public Sproto s2c() {
        return s2c;
    }

    /**
     * Decodes one client packet; a server never sends requests, so it gets no responses.
     *
     * @throws io.skynetspring.sproto.SprotoException for a malformed packet, one over the cap or an unknown tag
     */
    public Dispatched dispatch(byte[] packet) {
        return host.dispatch(packet);
    }

    /** skynet's heartbeat push, {@code 05 01 04}: for a connection that has not logged in. */
    public byte[] heartbeat() {
        return emptyHeartbeat;
    }

    /** The game's heartbeat: the node's time in centiseconds. */
    public byte[] heartbeat(long time) {
        return push.pack("heartbeat", Map.of("time", time));
    }

    public byte[] playerMove(long id, long x, long y) {
        return playerMove(new Move(id, x, y));
    }

    public byte[] playerMove(Move move) {
        return push.pack("player_move", move);
    }

    /** Several moves in one push, oldest first. */
    public byte[] playerMoves(List<Move> moves) {
        return push.pack("player_moves", new Moves(moves));
    }

    public byte[] playerLeave(long id) {
        return push.pack("player_leave", Map.of("id", id));
    }

    public byte[] kick(String reason) {
        return push.pack("kick", Map.of("reason", reason));
    }

    /**
     * Player {@code id} at {@code x, y}: the s2c {@code .move} struct and the body of {@code player_move}
     * (encoded as a record, with no Map to look fields up in: a busy scene encodes thousands a second).
     */
    public record Move(long id, long x, long y) {
    }

    /** The body of {@code player_moves}. */
    private record Moves(List<Move> moves) {
    }

    /** The text of {@code proto/<name>.sproto} on the class path (the bot loads the same files). */
    public static String schema(String name) {
        try (InputStream in = GameProtocol.class.getResourceAsStream("/proto/" + name + ".sproto")) {
            if (in == null) {
                throw new IllegalStateException("proto/" + name + ".sproto is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.skynetspring.samples.gateway.bot;

import io.skynetspring.samples.gateway.protocol.GameProtocol;
import io.skynetspring.sproto.Dispatched;
import io.skynetspring.sproto.Host;
import io.skynetspring.sproto.Sproto;
import io.skynetspring.sproto.SprotoException;
import io.skynetspring.sproto.ZeroPack;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bot's direct reading of move pushes hears what the sproto Host decodes from the same packets, the
 * server's own: every move, in order, whatever the size of its numbers; other packets are left alone and
 * a broken move push is refused.
 */
class MovePushesTest {

    private static final Sproto S2C = Sproto.parse(GameProtocol.schema("s2c"));
    private final GameProtocol server = new GameProtocol(4096);
    private final MovePushes direct = new MovePushes(S2C);

    @Test
    void aLoneMoveOfAnySizeIsReadAsTheHostDecodesIt() {
        long[] values = {0, 1, 0x7ffe, 0x7fff, 1_000_000, -1, -1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE,
                1L << 40, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long id : values) {
            for (long x : values) {
                byte[] packet = server.playerMove(id, x, -x);
                assertThat(read(packet)).as("id %d x %d", id, x).containsExactly(move(id, x, -x))
                        .isEqualTo(decoded(packet));
            }
        }
    }

    @Test
    void batchesAreReadInOrderAsTheHostDecodesThem() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            List<GameProtocol.Move> moves = new ArrayList<>();
            int n = 2 + random.nextInt(99);
            for (int i = 0; i < n; i++) {
                moves.add(new GameProtocol.Move(number(random), number(random), number(random)));
            }
            byte[] packet = server.playerMoves(moves);
            List<String> heard = read(packet);
            assertThat(heard).hasSize(n).isEqualTo(decoded(packet))
                    .isEqualTo(moves.stream().map(m -> move(m.id(), m.x(), m.y())).toList());
        }
    }

    @Test
    void otherPacketsAreLeftToTheHost() {
        for (byte[] packet : List.of(server.heartbeat(), server.heartbeat(12345), server.kick("bye"),
                server.playerLeave(7), server.playerLeave(1L << 40))) {
            List<String> heard = new ArrayList<>();
            assertThat(direct.read(packet, listener(heard))).isFalse();
            assertThat(heard).isEmpty();
        }
        // an answer to a request (a header with a session and no type)
        Host client = Sproto.parse(GameProtocol.schema("c2s")).host();
        byte[] request = client.attach(Sproto.parse(GameProtocol.schema("c2s"))).pack("logout", Map.of(), 9);
        byte[] answer = ((Dispatched.Request) server.dispatch(request)).responder().respond(Map.of("ok", true));
        assertThat(direct.read(answer, listener(new ArrayList<>()))).isFalse();
    }

    @Test
    void aBrokenMovePushIsRefused() {
        byte[] raw = ZeroPack.unpack(server.playerMoves(List.of(new GameProtocol.Move(1, 2, 3),
                new GameProtocol.Move(4, 5, 6))));
        // the header (type 5: 4 bytes), the body's 4 bytes, the array's length: cut the second element short
        int arrayLength = raw[8] & 0xFF;
        byte[] cut = Arrays.copyOf(raw, 12 + arrayLength - 2);
        cut[8] = (byte) (arrayLength - 2);
        assertThatThrownBy(() -> direct.read(ZeroPack.pack(cut), listener(new ArrayList<>())))
                .isInstanceOf(SprotoException.class).hasMessageContaining("player_moves");

        byte[] noX = S2C.host().attach(S2C).pack("player_move", Map.of("id", 1L, "y", 3L));
        assertThatThrownBy(() -> direct.read(noX, listener(new ArrayList<>())))
                .isInstanceOf(SprotoException.class).hasMessage("a move without its x");
    }

    private static long number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x7fff);
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            default -> -random.nextInt(1000);
        };
    }

    private List<String> read(byte[] packet) {
        List<String> heard = new ArrayList<>();
        assertThat(direct.read(packet, listener(heard))).isTrue();
        return heard;
    }

    /** What the bot's usual path hears: the Host's Maps. */
    @SuppressWarnings("unchecked")
    private static List<String> decoded(byte[] packet) {
        Dispatched.Request push = (Dispatched.Request) S2C.host().dispatch(packet);
        List<Map<String, Object>> moves = push.name().equals("player_moves")
                ? (List<Map<String, Object>>) push.args().get("moves") : List.of(push.args());
        return moves.stream().map(m -> move((Long) m.get("id"), (Long) m.get("x"), (Long) m.get("y"))).toList();
    }

    private static String move(long id, long x, long y) {
        return id + " " + x + " " + y;
    }

    private static BotListener listener(List<String> heard) {
        return new BotListener() {
            @Override
            public void playerMove(long id, long x, long y) {
                heard.add(move(id, x, y));
            }
        };
    }
}

package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link Sockets#write(int[], int, byte[])}: one packet to many gate clients, each frame whole and in order. */
class GateBroadcastTest extends GateFixture {

    @Test
    void everyLiveClientGetsTheFrameAndTheGoneAndUnlistedDoNot() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of());
        Address caster = caster();
        List<Socket> clients = new ArrayList<>();
        List<Integer> fds = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(client(port));
                int opened = i + 1;
                await().atMost(WAIT).until(() -> events().size() == opened);
                fds.add(Integer.parseInt(events().get(i).toString().substring("open ".length())));
            }
            clients.get(2).close();
            await().atMost(WAIT).until(() -> events().contains("close " + fds.get(2)));

            // client 3 is listed past count; 999999 never existed
            int[] ids = {fds.get(0), fds.get(1), fds.get(2), 999_999, fds.get(3)};
            byte[] first = "first move".getBytes(StandardCharsets.UTF_8);
            assertThat(call(caster, "cast", ids, 4, first)).isEqualTo(2);
            byte[] second = "second".getBytes(StandardCharsets.UTF_8);
            assertThat(call(caster, "cast", ids, 5, second)).isEqualTo(3);

            for (int i : new int[] {0, 1}) {
                assertThat(readFrame(clients.get(i))).isEqualTo(first);
                assertThat(readFrame(clients.get(i))).isEqualTo(second);
            }
            assertThat(readFrame(clients.get(3))).isEqualTo(second);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void aFourByteHeaderGateFramesTheSharedPacketWithItsOwnHeader() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("header", 4));
        Address caster = caster();
        try (Socket a = client(port); Socket b = client(port)) {
            await().atMost(WAIT).until(() -> events().size() == 2);
            int[] ids = new int[2];
            for (int i = 0; i < 2; i++) {
                ids[i] = Integer.parseInt(events().get(i).toString().substring("open ".length()));
            }
            byte[] packet = new byte[300];
            for (int i = 0; i < packet.length; i++) {
                packet[i] = (byte) i;
            }
            assertThat(call(caster, "cast", ids, 2, packet)).isEqualTo(2);
            for (Socket s : List.of(a, b)) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertThat(in.readInt()).isEqualTo(300);
                byte[] got = new byte[300];
                in.readFully(got);
                assertThat(got).isEqualTo(packet);
            }
        }
    }

    @Test
    void aClientThatNeverReadsIsRefusedByItsOwnMarksWhileTheOthersGetEveryFrame() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("sendhigh", 256 * 1024, "sendlow", 64 * 1024, "slowpeer", "refuse"));
        Address caster = caster();
        Socket deaf = new Socket();
        deaf.setReceiveBufferSize(16 * 1024);
        deaf.connect(new InetSocketAddress("127.0.0.1", port));
        try (deaf; Socket reader = client(port)) {
            await().atMost(WAIT).until(() -> events().size() == 2);
            int[] ids = new int[2];
            for (int i = 0; i < 2; i++) {
                ids[i] = Integer.parseInt(events().get(i).toString().substring("open ".length()));
            }
            byte[] packet = new byte[20_000];
            java.util.Arrays.fill(packet, (byte) 7);
            // the reader takes every frame as it comes, until it is closed; each cast waits for it, so only
            // the deaf client's unsent bytes grow
            java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.Semaphore taken = new java.util.concurrent.Semaphore(0);
            CompletableFuture<Throwable> wrong = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        if (!java.util.Arrays.equals(readFrame(reader), packet)) {
                            wrong.complete(new AssertionError("a frame with other bytes"));
                            return;
                        }
                        heard.incrementAndGet();
                        taken.release();
                    }
                } catch (Exception closed) {
                    wrong.complete(null);
                }
            });
            t.setDaemon(true);
            t.start();

            // the deaf client's kernel buffers take a few MB before its own marks refuse it
            int casts = 0;
            int refused = 0;
            while (refused < 20 && casts < 3_000) {
                int queued = (Integer) call(caster, "cast", ids, 2, packet);
                assertThat(queued).isBetween(1, 2);
                refused += 2 - queued;
                casts++;
                assertThat(taken.tryAcquire(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                        .as("the reading client got cast " + casts).isTrue();
            }
            assertThat(refused).as("casts to the deaf client refused past its high mark").isEqualTo(20);
            int sent = casts;
            await().atMost(WAIT).until(() -> heard.get() >= sent || wrong.isDone());
            assertThat(wrong.getNow(null)).isNull();
            assertThat(heard.get()).isEqualTo(casts);
            assertThat(events()).map(Object::toString).noneMatch(e -> e.startsWith("close "));
        }
    }

    /** A service whose {@code cast(ids, count, data)} is {@link Sockets#write(int[], int, byte[])}. */
    private Address caster() {
        rt.template("caster", ctx -> (cmd, args) -> Sockets.of(ctx).write((int[]) args[0], (Integer) args[1],
                (byte[]) args[2]));
        return start("caster");
    }
}

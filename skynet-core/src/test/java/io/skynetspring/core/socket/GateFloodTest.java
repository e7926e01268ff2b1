package io.skynetspring.core.socket;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients flooding a gate with frames over its limit are each closed and counted (a rate-limited
 * log line); the gate and a well-behaved client on the same gate carry on.
 */
class GateFloodTest extends GateFixture {

    static final int BAD_CLIENTS = 40;

    /** Writes oversize frames until the gate cuts it off; true when it was cut off. */
    private static boolean flood(int port) {
        try (Socket s = client(port)) {
            OutputStream out = s.getOutputStream();
            byte[] junk = new byte[4096];
            for (int i = 0; i < 10_000; i++) {
                out.write(0xFF);
                out.write(0xFF);
                out.write(junk);
                out.flush();
            }
            return s.getInputStream().read() == -1;
        } catch (IOException cutOff) {
            return true;
        }
    }

    @Test
    void oversizeFramesCloseOnlyTheirClients() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("maxframe", 1024));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Socket good = client(port)) {
            List<CompletableFuture<Boolean>> bad = new ArrayList<>();
            for (int i = 0; i < BAD_CLIENTS; i++) {
                bad.add(CompletableFuture.supplyAsync(() -> flood(port), pool));
            }
            for (int i = 0; i < 200; i++) {
                byte[] frame = ("still here " + i).getBytes();
                writeFrame(good.getOutputStream(), frame);
                assertThat(readFrame(good)).isEqualTo(frame);
            }
            for (CompletableFuture<Boolean> f : bad) {
                assertThat(f.get()).as("a flooding client is cut off").isTrue();
            }
            byte[] limit = new byte[1024];
            writeFrame(good.getOutputStream(), limit);
            assertThat(readFrame(good)).hasSize(1024);

            await().atMost(WAIT).until(() -> events().stream().filter(e -> e.toString().startsWith("close")).count()
                    == BAD_CLIENTS);
            assertThat(events().stream().filter(e -> e.toString().startsWith("error")))
                    .hasSize(BAD_CLIENTS)
                    .allSatisfy(e -> assertThat(e.toString()).contains("1026"));
            assertThat((Integer) call(watchdog, "agents")).isEqualTo(1);
            assertThat(rt.incidents().count("gate.closed.error")).as("counted; logged at most a burst a minute")
                    .isEqualTo(BAD_CLIENTS);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 0);
    }
}

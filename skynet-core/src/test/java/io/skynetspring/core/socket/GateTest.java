package io.skynetspring.core.socket;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The netpack gate: framing byte for byte (netpack.md), the open/close events, kick, and reading only after forward. */
class GateTest extends GateFixture {

    @Test
    void framesAreEchoedWhateverWayTcpCutsThem() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of());
        try (Socket s = client(port)) {
            OutputStream out = s.getOutputStream();
            // the captured handshake request of netpack.md, its header cut after the first byte
            out.write(0x00);
            out.flush();
            out.write(new byte[] {0x04, 0x15, 0x02});
            out.flush();
            out.write(new byte[] {0x04, 0x04});
            out.flush();
            assertThat(readFrame(s)).containsExactly(0x15, 0x02, 0x04, 0x04);

            // three frames in one write, one of them empty
            out.write(new byte[] {0x00, 0x01, 'a', 0x00, 0x00, 0x00, 0x02, 'b', 'c'});
            out.flush();
            assertThat(readFrame(s)).containsExactly('a');
            assertThat(readFrame(s)).isEmpty();
            assertThat(readFrame(s)).containsExactly('b', 'c');
        }
        await().atMost(WAIT).until(() -> events().size() == 2);
        assertThat(events().get(0).toString()).startsWith("open ");
        assertThat(events().get(1).toString()).startsWith("close ");
        await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 0);
    }

    @Test
    void aFrameOfTheMaximumSize65535GoesThroughBothWays() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of());
        byte[] big = new byte[65535];
        new Random(7).nextBytes(big);
        try (Socket s = client(port)) {
            OutputStream out = s.getOutputStream();
            out.write(0xFF);
            out.write(0xFF);
            out.write(big, 0, 30000);
            out.flush();
            out.write(big, 30000, big.length - 30000);
            out.flush();
            byte[] echoed = readFrame(s);
            assertThat(echoed.length).isEqualTo(65535);
            assertThat(Arrays.equals(echoed, big)).isTrue();
        }
    }

    @Test
    void aGateWithAFourByteHeaderFramesBothWaysWithIt() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("header", 4));
        byte[] big = new byte[100_000];
        new Random(11).nextBytes(big);
        try (Socket s = client(port)) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (byte[] payload : List.of(new byte[] {'h', 'i'}, big, new byte[0])) {
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
                int n = in.readInt();
                byte[] echoed = new byte[n];
                in.readFully(echoed);
                assertThat(echoed).isEqualTo(payload);
            }
        }
    }

    @Test
    void aNewClientIsNotReadUntilForwardAndLosesNothing() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("manual", true));
        try (Socket s = client(port)) {
            writeFrame(s.getOutputStream(), "early".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> events().size() == 1);
            int fd = Integer.parseInt(events().get(0).toString().substring("open ".length()));
            assertThat(rtStat().unread()).isZero();   // still in the kernel, not read

            call(gate, "accept", fd);
            await().atMost(WAIT).until(() -> events().size() == 2);
            assertThat(events().get(1)).isEqualTo("data " + fd + " early");
        }
    }

    @Test
    void kickClosesTheClientAndTheWatchdogHearsOfIt() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("manual", true));
        try (Socket s = client(port)) {
            await().atMost(WAIT).until(() -> events().size() == 1);
            int fd = Integer.parseInt(events().get(0).toString().substring("open ".length()));
            call(gate, "kick", fd);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            await().atMost(WAIT).until(() -> events().contains("close " + fd));
        }
    }

    @Test
    void maxclientAllowsOneLessThanItsValueAsSkynetDoes() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("maxclient", 3));
        try (Socket a = client(port); Socket b = client(port)) {
            await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 2);
            try (Socket refused = client(port)) {
                assertThat(refused.getInputStream().read()).isEqualTo(-1);
            }
            writeFrame(a.getOutputStream(), new byte[] {1});
            assertThat(readFrame(a)).containsExactly(1);
        }
        await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 0);
        try (Socket again = client(port)) {
            writeFrame(again.getOutputStream(), new byte[] {2});
            assertThat(readFrame(again)).containsExactly(2);
        }
        List<?> events = events();
        assertThat(events.stream().filter(e -> e.toString().startsWith("open"))).hasSize(3);
    }

    @Test
    void aLineGateDeliversLinesToTheWatchdog() throws Exception {
        rt.template("line-gate", Gate.lines());
        int port = openGate("line-gate", Map.of("manual", true));
        try (Socket s = client(port)) {
            await().atMost(WAIT).until(() -> events().size() == 1);
            int fd = Integer.parseInt(events().get(0).toString().substring("open ".length()));
            call(gate, "accept", fd);
            send(s, "hello\r\nwor");
            send(s, "ld\n");
            await().atMost(WAIT).until(() -> events().size() == 3);
            assertThat(events().subList(1, 3)).map(Object::toString).containsExactly("data " + fd + " hello", "data " + fd + " world");
        }
    }

    @Test
    void closeStopsListeningButKeepsTheClients() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of());
        try (Socket s = client(port)) {
            await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 1);
            call(gate, "close");
            assertThatThrownBy(() -> client(port).close()).isInstanceOf(java.net.ConnectException.class);
            writeFrame(s.getOutputStream(), new byte[] {9});
            assertThat(readFrame(s)).containsExactly(9);
        }
    }

    private NetStat rtStat() {
        rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        return (NetStat) call(start("stat"), "netstat");
    }
}

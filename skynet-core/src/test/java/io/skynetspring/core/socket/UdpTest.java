package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's UDP service (4.3): an echo server and a dialing client, each datagram with its sender. */
class UdpTest extends SocketFixture {

    /** Seed 4.3 udp_server: answers every datagram to its sender. */
    static final class UdpEcho implements ServiceHandler {
        private UdpSocket udp;
        private final Sockets sockets;
        private final ServiceContext ctx;

        UdpEcho(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.udp((data, from) -> {
                inside(ctx, "udp handler");
                ctx.log("UDP data", new String(data, StandardCharsets.UTF_8), "from", from);
                udp.sendto(from, ("UDP 回显: " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }, "127.0.0.1", 0).doOnNext(u -> udp = u);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return udp.port();
        }
    }

    /** Seed 4.3 udp_client: dials the server and records the answers. */
    static final class UdpClient implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> answers = new ArrayList<>();
        private UdpSocket udp;

        UdpClient(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.udpDial("127.0.0.1", (Integer) args[0], (data, from) -> {
                inside(ctx, "udp dial handler");
                answers.add(new String(data, StandardCharsets.UTF_8) + " from " + from);
            }).doOnNext(u -> {
                udp = u;
                udp.send("Hello UDP".getBytes(StandardCharsets.UTF_8));
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return List.copyOf(answers);
        }
    }

    @Test
    void aDialingServiceGetsTheEchoWithTheSender() {
        rt.template("udp-echo", UdpEcho::new);
        rt.template("udp-client", UdpClient::new);
        int port = (Integer) call(start("udp-echo"), "port");
        Address client = start("udp-client", port);

        await().atMost(WAIT).until(() -> !((List<?>) call(client, "answers")).isEmpty());
        assertThat(((List<?>) call(client, "answers")).get(0))
                .isEqualTo("UDP 回显: Hello UDP from 127.0.0.1:" + port);
    }

    @Test
    void aPlainDatagramClientIsAnsweredAtItsOwnAddress() throws Exception {
        rt.template("udp-echo", UdpEcho::new);
        int port = (Integer) call(start("udp-echo"), "port");
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            s.setSoTimeout((int) WAIT.toMillis());
            for (String word : List.of("one", "two")) {
                byte[] out = word.getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(out, out.length, InetAddress.getByName("127.0.0.1"), port));
                DatagramPacket in = new DatagramPacket(new byte[1024], 1024);
                s.receive(in);
                assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8))
                        .isEqualTo("UDP 回显: " + word);
            }
        }
    }
}

package io.skynetspring.core.socket;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A driver on each transport serves TCP and UDP alike; AUTO picks io_uring where it can. */
class SocketTransportTest extends SocketFixture {

    static {
        SocketTransport.prepareNetty();   // as the starter does: before IoUring loads below
    }

    /** Echoes lines over TCP and datagrams over UDP, on the driver it is given. */
    static final class Echo implements ServiceHandler {
        private final Sockets sockets;
        private Listener listener;
        private UdpSocket udp;

        Echo(ServiceContext ctx, SocketDriver driver) {
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (conn, addr) -> echo(sockets.start(conn)));
            }).then(sockets.udp((data, from) -> udp.sendto(from, data), "127.0.0.1", 0).doOnNext(u -> udp = u));
        }

        private void echo(Connection conn) {
            conn.readLine().doOnSuccess(line -> {
                if (line != null) {
                    conn.write("echo " + line + "\n");
                    echo(conn);
                }
            }).subscribe();
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return List.of(listener.port(), udp.port());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SocketTransport.class, names = {"IO_URING", "EPOLL", "NIO"})
    void aDriverOnEachTransportEchoesTcpLinesAndDatagrams(SocketTransport transport) throws Exception {
        assumeTrue(transport != SocketTransport.IO_URING || IoUring.isAvailable(),
                () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        assumeTrue(transport != SocketTransport.EPOLL || Epoll.isAvailable(), "epoll is not available here");
        try (SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withLoops(2).withTransport(transport))) {
            assertThat(driver.transport()).isEqualTo(transport);
            rt.template("echo", ctx -> new Echo(ctx, driver));
            List<?> ports = (List<?>) call(start("echo"), "ports");

            try (Socket s = new Socket("127.0.0.1", (Integer) ports.get(0))) {
                s.setSoTimeout((int) WAIT.toMillis());
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                for (String word : List.of("one", "two")) {
                    s.getOutputStream().write((word + "\n").getBytes(StandardCharsets.UTF_8));
                    assertThat(in.readLine()).isEqualTo("echo " + word);
                }
            }
            try (DatagramSocket d = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
                d.setSoTimeout((int) WAIT.toMillis());
                byte[] out = "ping".getBytes(StandardCharsets.UTF_8);
                d.send(new DatagramPacket(out, out.length, InetAddress.getByName("127.0.0.1"), (Integer) ports.get(1)));
                DatagramPacket in = new DatagramPacket(new byte[64], 64);
                d.receive(in);
                assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping");
            }
        }
    }

    @Test
    void autoTakesIoUringWhereTheKernelAllowsItAndTheJvmPropertyOverrulesIt() {
        assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        String before = System.getProperty(SocketTransport.PROPERTY);
        try {
            System.clearProperty(SocketTransport.PROPERTY);
            assertThat(SocketTransport.AUTO.resolve()).isEqualTo(SocketTransport.IO_URING);
            System.setProperty(SocketTransport.PROPERTY, "nio");
            assertThat(SocketTransport.AUTO.resolve()).isEqualTo(SocketTransport.NIO);
            assertThat(SocketTransport.IO_URING.resolve()).as("an explicit choice is kept").isEqualTo(SocketTransport.IO_URING);
        } finally {
            if (before == null) {
                System.clearProperty(SocketTransport.PROPERTY);
            } else {
                System.setProperty(SocketTransport.PROPERTY, before);
            }
        }
    }

    /** Resolves both ways in a JVM of its own and prints what it got. */
    static final class MultishotProbe {
        public static void main(String[] args) {
            System.out.println("auto " + SocketTransport.AUTO.resolve());
            try {
                System.out.println("io_uring " + SocketTransport.IO_URING.resolve());
            } catch (IllegalStateException e) {
                System.out.println("io_uring refused: " + e.getMessage());
            }
        }
    }

    @Test
    void withNettysMultishotPollTurnedOnAutoTakesEpollAndSaysWhyAndIoUringRefuses(@TempDir Path dir) throws Exception {
        assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + SocketTransport.NETTY_MULTISHOT_POLL + "=true",
                MultishotProbe.class.getName()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        try {
            assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the probe JVM ended").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out"));
        assertThat(out)
                .contains("auto EPOLL")
                .contains("Socket transport auto: EPOLL instead of io_uring: Netty's multishot POLLIN is on")
                .contains("io_uring refused: socket transport io_uring is not available here: Netty's multishot POLLIN"
                        + " is on, which loses a peer's close that arrives while a read is queued; start the JVM with -D"
                        + SocketTransport.NETTY_MULTISHOT_POLL + "=false");
    }

    @Test
    void namesAreReadAsTheyAreWrittenInProperties() {
        assertThat(SocketTransport.parse("io-uring")).isEqualTo(SocketTransport.IO_URING);
        assertThat(SocketTransport.parse(" Epoll ")).isEqualTo(SocketTransport.EPOLL);
        assertThatThrownBy(() -> SocketTransport.parse("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("socket transport must be auto, io_uring, epoll or nio, was 'kqueue'");
        assertThatThrownBy(() -> SocketOptions.defaults().withTransport(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transport must be");
    }
}

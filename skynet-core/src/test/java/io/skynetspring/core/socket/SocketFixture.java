package io.skynetspring.core.socket;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceContext;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A two-worker runtime per test. After each test the runtime closes and its shared socket driver
 * must follow: no event-loop thread may be left behind. Checks that socket callbacks run inside
 * their service.
 */
abstract class SocketFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    final SkynetRuntime rt = SkynetRuntime.start(
            new NodeSettings(2, 64, 1024, Duration.ofSeconds(10), 0), Duration.ofSeconds(2));

    /** Socket callbacks that ran outside their service's drain. */
    static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stopRuntime() {
        rt.close();
        await("socket event loops stopped").atMost(WAIT)
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("skynet-socket") && t.isAlive()));
        assertThat(VIOLATIONS).as("socket callbacks outside their service").isEmpty();
    }

    /** Records a violation unless the caller runs inside {@code ctx}'s mailbox drain. */
    static void inside(ServiceContext ctx, String what) {
        if (!ctx.self().toString().equals(MDC.get("skynet.address"))) {
            VIOLATIONS.add(what + " ran on " + Thread.currentThread().getName() + " outside " + ctx.self());
        }
    }

    Object call(Address service, String command, Object... args) {
        return rt.call(service, command, args).block(WAIT);
    }

    Address start(String template, Object... args) {
        return rt.newService(template, args).block(WAIT);
    }

    /** A blocking test client with a read deadline. */
    static Socket client(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout((int) WAIT.toMillis());
        s.setTcpNoDelay(true);
        return s;
    }

    static BufferedReader lines(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** A port nobody listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0)) {
            return ss.getLocalPort();
        }
    }
}

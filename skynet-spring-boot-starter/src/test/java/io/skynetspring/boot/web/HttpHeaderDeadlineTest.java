package io.skynetspring.boot.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.SkynetRuntime;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * #12 finding 4: a client that dribbles its request headers one byte at a time is closed at the
 * header deadline ({@code skynet.http.header-timeout}, 2 s here) while normal requests are served.
 * Each byte comes well inside any idle timeout, so an idle timeout alone never fires.
 */
@WebAppTest
class HttpHeaderDeadlineTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Autowired
    SkynetRuntime runtime;

    @Test
    void aClientDribblingItsHeadersIsClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
        long before = runtime.incidents().count("http.closed.slow");
        ListAppender<ILoggingEvent> nettyLog = new ListAppender<>();
        Logger operations = (Logger) LoggerFactory.getLogger("reactor.netty.http.server.HttpServerOperations");
        nettyLog.start();
        operations.addAppender(nettyLog);
        byte[] request = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: dribbler/1.0 one byte at a time\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) JdkSocket.WAIT.toMillis() + 5_000);
            OutputStream out = s.getOutputStream();
            // the request line and a first header at once, as a slowloris does: the decoder holds a half-made request
            int start = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".length();
            out.write(request, 0, start);
            out.flush();
            sent.set(start);
            // one byte every 150 ms: the whole head would take over 10 s (an exception ends the schedule)
            dribble.scheduleAtFixedRate(() -> {
                int i = sent.get();
                if (i < request.length) {
                    try {
                        out.write(request[i]);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException("closed", e);
                    }
                    sent.incrementAndGet();
                }
            }, 0, 150, TimeUnit.MILLISECONDS);

            http.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("Hello, Skynet!");

            assertThat(firstByteOrEnd(s.getInputStream())).as("what the server sent the dribbler").isEqualTo(-1);
            assertThat(sent.get()).as("bytes of the head sent before the close").isLessThan(request.length);
        } finally {
            dribble.shutdownNow();
        }
        // counted as the close happens, which the dribbler may see a moment before
        await().atMost(JdkSocket.WAIT).untilAsserted(() ->
                assertThat(runtime.incidents().count("http.closed.slow") - before).isEqualTo(1));
        operations.detachAppender(nettyLog);
        // the cut head is our one rate-limited line, not also a "Decoding failed" warning with the head's text
        assertThat(nettyLog.list).noneMatch(e -> e.getFormattedMessage().contains("Decoding failed"));
        http.get().uri("/").exchange().expectStatus().isOk();
    }

    /** The first byte the server sends, or -1 once it has closed the connection (a reset included). */
    private static int firstByteOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}

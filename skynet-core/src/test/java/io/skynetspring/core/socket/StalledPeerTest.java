package io.skynetspring.core.socket;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and slow peers at a gate (#12): a frame that declares 65,535 bytes and stalls, and one
 * dribbled a byte at a time, are cut at the stall timeout, counted, logged with the gate's address
 * and the peer, and their buffers are gone; a frame finished late but in time is served; a pause
 * between frames is no stall; the idle timeout closes a silent client and not an active one.
 */
class StalledPeerTest extends GateFixture {

    static final Duration STALL = Duration.ofSeconds(1);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger skynetLogger = (Logger) LoggerFactory.getLogger("skynet");

    @BeforeEach
    void listen() {
        log.start();
        skynetLogger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        skynetLogger.detachAppender(log);
    }

    /** A client whose agent has taken it (forwarded), so the gate reads it. */
    private Socket forwarded(int port) throws Exception {
        int agents = (Integer) call(watchdog, "agents");
        Socket s = client(port);
        await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == agents + 1);
        return s;
    }

    private long stalled() {
        return rt.incidents().count("gate.closed.stalled");
    }

    private Address stat;

    /** The shared driver's netstat, read by a service (the runtime's driver is a service's resource). */
    private NetStat netstat() {
        if (stat == null) {
            rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
            stat = start("stat");
        }
        return (NetStat) call(stat, "netstat");
    }

    @Test
    void aFrameThatDeclares65535BytesAndStallsIsClosedAtTheDeadlineAndItsBufferIsGone() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("stalltimeout", STALL.toMillis() / 10));   // centiseconds
        try (Socket s = forwarded(port)) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
            out.write(new byte[1000]);
            out.flush();
            long sent = System.nanoTime();
            await("the gate holds the unfinished frame").atMost(WAIT).until(() -> netstat().unread() == 1002);

            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(STALL);
            await().atMost(WAIT).until(() -> stalled() == 1);
            await().atMost(WAIT).until(() -> events().contains("close " + fdOf(0)));
            assertThat(netstat().connections()).isZero();
            assertThat(netstat().unread()).isZero();
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("[" + gate + "]") && m.contains("127.0.0.1:" + s.getLocalPort())
                            && m.contains("did not finish"));
        }
    }

    @Test
    void aFrameDribbledOneByteAtATimeIsCutAtTheDeadline() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("stalltimeout", STALL));
        try (Socket s = forwarded(port); Dribbler peer = new Dribbler()) {
            s.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF});
            long first = System.nanoTime();
            peer.dribble(s, STALL.dividedBy(12));   // never silent for long, never finishing

            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(STALL);
            assertThat(peer.dribbled.get()).as("bytes the gate took before cutting").isGreaterThan(5);
            await().atMost(WAIT).until(() -> stalled() == 1);
        }
    }

    @Test
    void aLineGateCutsALineThatNeverEnds() throws Exception {
        rt.template("gate", Gate.lines());
        int port = openGate("gate", Map.of("stalltimeout", STALL));
        try (Socket s = forwarded(port)) {
            send(s, "a line without its end");
            long sent = System.nanoTime();
            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(STALL);
        }
        await().atMost(WAIT).until(() -> stalled() == 1);
    }

    @Test
    void aFrameFinishedLateButInTimeIsServedAndAPauseBetweenFramesIsNoStall() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("stalltimeout", STALL));
        try (Socket s = forwarded(port); Dribbler peer = new Dribbler()) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0x00, 0x06, 'h', 'e', 'l'});
            out.flush();
            peer.later(s, STALL.dividedBy(4), "lo!".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(readFrame(s), StandardCharsets.UTF_8)).isEqualTo("hello!");

            // a second client stalls; once it is cut, the first has been quiet between frames for longer
            try (Socket other = forwarded(port)) {
                other.getOutputStream().write(new byte[] {0x00, 0x09, 'x'});
                Dribbler.closedByServer(other);
            }
            writeFrame(out, "still here".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(readFrame(s), StandardCharsets.UTF_8)).isEqualTo("still here");
            assertThat(stalled()).isEqualTo(1);
        }
    }

    @Test
    void theIdleTimeoutClosesASilentClientAndNotAnActiveOne() throws Exception {
        rt.template("gate", Gate.template());
        Duration idle = Duration.ofSeconds(1);
        int port = openGate("gate", Map.of("idletimeout", idle));
        long opened = System.nanoTime();
        try (Socket silent = forwarded(port); Socket active = forwarded(port)) {
            AtomicInteger exchanges = new AtomicInteger();
            // the active client talks more often than the idle timeout until the silent one is cut
            await().atMost(WAIT).pollInterval(idle.dividedBy(10)).until(() -> {
                exchange(active, "ping " + exchanges.incrementAndGet());
                return rt.incidents().count("gate.closed.idle") > 0;
            });
            Dribbler.closedByServer(silent);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(idle);
            assertThat(exchanges.get()).isGreaterThan(1);
            exchange(active, "after");
            assertThat(rt.incidents().count("gate.closed.idle")).isEqualTo(1);
            assertThat(stalled()).isZero();
        }
    }

    private static void exchange(Socket s, String text) throws Exception {
        writeFrame(s.getOutputStream(), text.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(readFrame(s), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void aWellBehavedClientIsServedWhile200StalledFramesSitOnTheNode() throws Exception {
        int stalledClients = 200;
        Duration stall = Duration.ofSeconds(5);
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("stalltimeout", stall));
        List<Socket> clients = new ArrayList<>();
        try (Socket good = forwarded(port)) {
            for (int i = 0; i < stalledClients; i++) {
                Socket s = client(port);
                clients.add(s);
                s.getOutputStream().write(new byte[] {(byte) 0xFF, (byte) 0xFF});
                s.getOutputStream().write(new byte[1000]);
                s.getOutputStream().flush();
            }
            await("every stalled frame is held").atMost(WAIT)
                    .until(() -> netstat().unread() == stalledClients * 1002L);

            writeFrame(good.getOutputStream(), "served".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(readFrame(good), StandardCharsets.UTF_8)).isEqualTo("served");
            assertThat(stalled()).as("nothing was cut before the deadline").isZero();

            for (Socket s : clients) {
                Dribbler.closedByServer(s);
            }
            await().atMost(WAIT).until(() -> stalled() == stalledClients);
            await().atMost(WAIT).until(() -> netstat().connections() == 1);
            assertThat(netstat().unread()).isZero();
            writeFrame(good.getOutputStream(), "still served".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(readFrame(good), StandardCharsets.UTF_8)).isEqualTo("still served");
            // a flood of closes costs the log a bounded number of lines (IncidentLog's burst)
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(m -> m.contains("did not finish")).hasSizeLessThanOrEqualTo(10);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    private int fdOf(int event) {
        return Integer.parseInt(events().get(event).toString().substring("open ".length()));
    }
}

package io.skynetspring.core.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Test peers that misbehave on time: one that dribbles a byte per period, and a way to see the server hang up. */
final class Dribbler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-peer");
        t.setDaemon(true);
        return t;
    });
    /** Bytes the dribble wrote before its connection broke. */
    final AtomicInteger dribbled = new AtomicInteger();

    /** Writes one byte to {@code s} every {@code period}, starting now, until a write fails. */
    Dribbler dribble(Socket s, Duration period) {
        timer.scheduleAtFixedRate(() -> {
            try {
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
                dribbled.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);   // ends the dribble
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Writes {@code bytes} to {@code s} after {@code delay}. */
    Dribbler later(Socket s, Duration delay, byte[] bytes) {
        timer.schedule(() -> {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return null;
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Blocks until the server hangs up on {@code s} (end of stream, or a reset when the dribble
     * wrote after the close); fails with the client's read timeout if it never does.
     */
    static void closedByServer(Socket s) throws IOException {
        try {
            assertThat(s.getInputStream().read()).as("the server closed the connection").isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            assertThat(reset.getMessage()).contains("reset");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

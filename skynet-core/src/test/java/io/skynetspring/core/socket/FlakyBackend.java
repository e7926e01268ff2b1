package io.skynetspring.core.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-echo backend on loopback that can misbehave: it closes the connections it accepted,
 * stops listening (connects are refused) and listens again on the same port. {@code quit} makes
 * it close that connection instead of answering; while {@link #mute muted} it reads lines and
 * answers none; while {@link #hangUpAtOnce hanging up} it closes each connection it accepts.
 */
final class FlakyBackend implements AutoCloseable {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepts = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final int port;
    private volatile ServerSocket listener;
    private volatile boolean muted;
    private volatile boolean hangUp;

    FlakyBackend() throws IOException {
        ServerSocket ss = bind(0);
        this.port = ss.getLocalPort();
        serve(ss);
    }

    int port() {
        return port;
    }

    /** Connections accepted since the start. */
    int accepts() {
        return accepts.get();
    }

    /** Lines echoed since the start. */
    int answered() {
        return answered.get();
    }

    /** Connections open now on the backend's side. */
    int open() {
        return (int) accepted.stream().filter(s -> !s.isClosed()).count();
    }

    /** While muted, lines are read and not answered (a backend that hangs). */
    void mute(boolean on) {
        muted = on;
    }

    /** While on, every connection is closed as soon as it is accepted. */
    void hangUpAtOnce(boolean on) {
        hangUp = on;
    }

    /** Closes every accepted connection (the peer sees EOF) and keeps listening. */
    void dropAll() {
        for (Socket s : accepted) {
            close(s);
        }
        accepted.clear();
    }

    /** Closes the listener and every connection: connects are refused until {@link #listenAgain()}. */
    void stop() throws IOException {
        ServerSocket ss = listener;
        listener = null;
        if (ss != null) {
            ss.close();
        }
        dropAll();
    }

    /** Listens again on the same port. */
    void listenAgain() throws IOException {
        serve(bind(port));
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return ss;
    }

    private void serve(ServerSocket ss) {
        listener = ss;
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    accepts.incrementAndGet();
                    if (hangUp) {
                        close(s);
                        continue;
                    }
                    accepted.add(s);
                    if (listener != ss) {
                        // stop() ran while this one was being accepted and did not see it in the list
                        accepted.remove(s);
                        close(s);
                        return;
                    }
                    Thread echo = new Thread(() -> echo(s), "flaky-backend-conn");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "flaky-backend-accept");
        t.setDaemon(true);
        t.start();
    }

    private void echo(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("quit")) {
                    return;
                }
                if (muted) {
                    continue;
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                answered.incrementAndGet();
            }
        } catch (IOException gone) {
            // dropped on purpose, or the client went away
        } finally {
            accepted.remove(s);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

package io.skynetspring.benchmarks.gate;

import io.netty.buffer.PooledByteBufAllocator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * A server process's control line on 127.0.0.1: {@code stat} answers
 * {@code heap=<bytes after full GC> direct=<pooled direct bytes> connections=<n>}, so the load
 * generator can measure what idle connections cost. Kept apart from the servers under test.
 */
final class HeapProbe implements AutoCloseable {

    private final ServerSocket server;
    private final Thread thread;

    HeapProbe(int port, LongSupplier connections) throws IOException {
        this.server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> serve(connections), "heap-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(LongSupplier connections) {
        while (!server.isClosed()) {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.trim().equals("stat")) {
                        out.println("heap=" + heapAfterGc() + " direct=" + direct() + " connections="
                                + connections.getAsLong());
                    }
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("heap probe: " + e);
                }
            }
        }
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long direct() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }

    /** Asks a probe for its line. */
    static String ask(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
            s.setSoTimeout(60_000);
            out.println("stat");
            return in.readLine();
        }
    }

    static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + line);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

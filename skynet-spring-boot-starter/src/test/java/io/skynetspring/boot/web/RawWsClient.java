package io.skynetspring.boot.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a bare TCP socket with a small receive buffer, so a test controls exactly
 * when (and whether) it reads: the hostile peer that handshakes, asks for data and never reads it.
 */
final class RawWsClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code path} and completes the handshake; fails unless the server answers 101. */
    static RawWsClient open(int port, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setSoTimeout((int) JdkSocket.WAIT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port));
        RawWsClient c = new RawWsClient(s);
        c.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = c.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake answered " + head);
        }
        return c;
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one short unfragmented text frame from the server. */
    String readText() throws IOException {
        int op = in.read();
        int len = in.read();
        if (op != 0x81 || len > 125) {
            throw new IOException("expected a short text frame, got opcode byte " + op + " length byte " + len);
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    /** Reads and discards everything until the server closes the socket; true if it did within the read timeout. */
    boolean drainToEnd() {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (IOException e) {
            // a reset is an end as well; a timeout is not
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

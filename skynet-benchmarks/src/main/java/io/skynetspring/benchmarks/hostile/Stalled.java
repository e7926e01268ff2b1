package io.skynetspring.benchmarks.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that start a message and never finish it: a gate frame that declares 65,535 bytes,
 * a line without its end, HTTP and WebSocket-upgrade headers without their blank line. Each then
 * dribbles one byte a second (slowloris). One thread and a selector drive them all and count the
 * ones the server closed.
 */
final class Stalled implements AutoCloseable {

    private final List<SocketChannel> channels = new ArrayList<>();
    private final Selector selector;
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    Stalled(String host, int gatePort, int tcpPort, int httpPort, int count) throws IOException {
        selector = Selector.open();
        byte[] gate = new byte[12];
        gate[0] = (byte) 0xFF;
        gate[1] = (byte) 0xFF;
        byte[] line = "a line that never ends".getBytes(StandardCharsets.US_ASCII);
        byte[] httpHead = "GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        byte[] wsHead = ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "X-Slow: ").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            int kind = i % 4;
            int port = kind == 0 ? gatePort : kind == 1 ? tcpPort : httpPort;
            byte[] start = kind == 0 ? gate : kind == 1 ? line : kind == 2 ? httpHead : wsHead;
            SocketChannel c = SocketChannel.open(new InetSocketAddress(host, port));
            c.write(ByteBuffer.wrap(start));
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
            channels.add(c);
        }
        thread = new Thread(this::dribble, "stalled-peers");
        thread.setDaemon(true);
        thread.start();
    }

    private void dribble() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        long nextDribble = System.nanoTime();
        while (running) {
            try {
                selector.select(100);
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    sink.clear();
                    int n;
                    try {
                        n = c.read(sink);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        k.cancel();
                        c.close();
                        closedByServer.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextDribble) {
                    nextDribble += 1_000_000_000L;
                    for (SocketChannel c : channels) {
                        if (c.isOpen()) {
                            try {
                                c.write(ByteBuffer.wrap(new byte[] {'x'}));
                            } catch (IOException gone) {
                                c.close();
                                closedByServer.incrementAndGet();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("ERROR stalled peers: " + e);
                return;
            }
        }
    }

    int closedByServer() {
        return closedByServer.get();
    }

    int open() {
        int n = 0;
        for (SocketChannel c : channels) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5000);
        for (SocketChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}

package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.codec.LuaSeri;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java node against a peer that speaks exactly what skynet writes (the spec's worked examples,
 * byte for byte), in both roles: the peer calling the Java node, and the Java node calling the peer.
 */
class SkynetPeerTest extends TestNodes {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("[\\s|]", ""));
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] f = new byte[len];
        in.readFully(f);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(len >>> 8);
        whole.write(len);
        whole.write(f);
        return whole.toByteArray();
    }

    private static byte[] le32(int v) {
        return new byte[]{(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    // ---- a skynet caller, the Java node answering ---------------------------------------------

    @Test
    void aSkynetCallerGetsTheRepliesSkynetWouldSend() throws Exception {
        SkynetRuntime rt = runtime();
        Cluster jnode = node(rt, "java", Map.of());
        Address sdb = rt.newService("kv").block(WAIT);
        jnode.register("sdb", sdb);
        rt.call(sdb, "SET", "a", "foobar").block(WAIT);
        ConcurrentLinkedQueue<String> pushes = new ConcurrentLinkedQueue<>();
        rt.template("svc", ctx -> (cmd, args) -> pushes.add(cmd + "/" + args.length + "/" + ctx.session()));
        jnode.register("svc", rt.newService("svc").block(WAIT));

        try (Socket s = new Socket("127.0.0.1", jnode.listening().getPort())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());

            // call @sdb, session 3, pack("GET", "a")
            out.write(hex("00 10 | 80 | 04 | 40 73 64 62 | 03 00 00 00 | 1C 47 45 54 0C 61"));
            assertThat(readFrame(in)).isEqualTo(hex("00 0C | 03 00 00 00 | 01 | 34 66 6F 6F 62 61 72"));

            // name query for sdb, session 1: the answer is pack(handle)
            out.write(hex("00 0D | 00 | 00 00 00 00 | 01 00 00 00 | 1C 73 64 62"));
            byte[] body = LuaSeri.pack((long) sdb.handle());
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            q.write(0);
            q.write(5 + body.length);
            q.write(hex("01 00 00 00 01"));
            q.write(body);
            assertThat(readFrame(in)).isEqualTo(q.toByteArray());

            // the same call by numeric address
            ByteArrayOutputStream byAddress = new ByteArrayOutputStream();
            byAddress.write(hex("00 0F 00"));
            byAddress.write(le32(sdb.handle()));
            byAddress.write(hex("05 00 00 00 | 1C 47 45 54 0C 61"));
            out.write(byAddress.toByteArray());
            assertThat(readFrame(in)).isEqualTo(hex("00 0C | 05 00 00 00 | 01 | 34 66 6F 6F 62 61 72"));

            // errors: a name nobody registered; an @name nobody registered
            out.write(hex("00 0C | 00 | 00 00 00 00 | 02 00 00 00 | 14 6E 6F"));
            assertThat(readFrame(in)).isEqualTo(hex("00 13 | 02 00 00 00 | 00 | 6E 61 6D 65 20 6E 6F 74 20 66 6F 75 6E 64"));
            out.write(hex("00 10 | 80 | 04 | 40 6E 6F 6E | 04 00 00 00 | 1C 47 45 54 0C 61"));
            assertThat(readFrame(in)).isEqualTo(concat(hex("00 11 | 04 00 00 00 | 00"),
                    "Invalid name".getBytes(StandardCharsets.US_ASCII)));

            // a push to @svc (session 0): delivered as a send, never answered
            out.write(hex("00 10 | 80 | 04 | 40 73 76 63 | 00 00 00 00 | 2C 70 75 73 68 31"));
            await().atMost(WAIT).until(() -> pushes.contains("push1/0/0"));

            // a trace tag, then a large call (the spec's 40011-byte SET) whose parts interleave with a small call
            out.write(hex("00 06 | 04 | 6D 79 74 61 67"));
            ByteArrayOutputStream bigBody = new ByteArrayOutputStream();
            bigBody.write(hex("1C 53 45 54 | 1C 62 69 67 | 15 40 9C"));
            bigBody.write("V".repeat(40000).getBytes(StandardCharsets.US_ASCII));
            byte[] big = bigBody.toByteArray();
            assertThat(big.length).isEqualTo(40011);
            ByteArrayOutputStream start = new ByteArrayOutputStream();
            start.write(hex("00 0D 01"));
            start.write(le32(sdb.handle()));
            start.write(le32(10));
            start.write(le32(big.length));
            out.write(start.toByteArray());
            out.write(concat(hex("80 05 02 0A 00 00 00"), java.util.Arrays.copyOfRange(big, 0, 32768)));
            out.write(hex("00 10 | 80 | 04 | 40 73 64 62 | 0B 00 00 00 | 1C 47 45 54 0C 61"));
            assertThat(readFrame(in)).isEqualTo(hex("00 0C | 0B 00 00 00 | 01 | 34 66 6F 6F 62 61 72"));
            int rest = big.length - 32768;
            out.write(concat(new byte[]{(byte) ((rest + 5) >>> 8), (byte) (rest + 5), 3, 10, 0, 0, 0},
                    java.util.Arrays.copyOfRange(big, 32768, big.length)));
            assertThat(readFrame(in)).isEqualTo(hex("00 06 | 0A 00 00 00 | 01 | 00"));
            assertThat(rt.call(sdb, "GET", "big").block(WAIT)).isEqualTo("V".repeat(40000));

            // a large reply: split at 0x8000 as skynet splits it
            out.write(hex("00 12 | 80 | 04 | 40 73 64 62 | 0C 00 00 00 | 1C 47 45 54 | 1C 62 69 67"));
            assertThat(readFrame(in)).isEqualTo(hex("00 09 | 0C 00 00 00 | 02 | 43 9C 00 00"));
            byte[] part = readFrame(in);
            assertThat(java.util.Arrays.copyOfRange(part, 0, 10)).isEqualTo(hex("80 05 | 0C 00 00 00 | 03 | 15 40 9C"));
            byte[] last = readFrame(in);
            assertThat(java.util.Arrays.copyOfRange(last, 0, 7)).isEqualTo(hex("1C 48 | 0C 00 00 00 | 04"));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---- the Java node calling a skynet callee ------------------------------------------------

    @Test
    void theJavaNodeWritesWhatSkynetExpectsAndReadsItsReplies() throws Exception {
        try (ServerSocket skynet = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // a secured Java node never sends its handshake to a node listed as plain (a skynet node)
            Cluster jnode = Cluster.start(runtime(), ClusterSettings.defaults()
                    .withNodes(Map.of("sk", "127.0.0.1:" + skynet.getLocalPort()))
                    .withSecret("s3cret", Set.of("sk")));

            CompletableFuture<Object> first = jnode.call("sk", "@sdb", "GET", "a").toFuture();
            try (Socket s = skynet.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();

                // call → session 1
                assertThat(readFrame(in)).isEqualTo(hex("00 10 | 80 | 04 | 40 73 64 62 | 01 00 00 00 | 1C 47 45 54 0C 61"));
                out.write(hex("00 0C | 01 00 00 00 | 01 | 34 66 6F 6F 62 61 72"));
                assertThat(first).succeedsWithin(WAIT).isEqualTo("foobar");

                // small push → session 0, the counter does not move
                assertThat(jnode.send("sk", "@svc", "push1")).isTrue();
                assertThat(readFrame(in)).isEqualTo(hex("00 10 | 80 | 04 | 40 73 76 63 | 00 00 00 00 | 2C 70 75 73 68 31"));

                // call by handle :0000000a → session 2; the spec's large reply (40003 bytes) comes back
                CompletableFuture<Object> second = jnode.call("sk", new Address(10), "GET", "b").toFuture();
                assertThat(readFrame(in)).isEqualTo(hex("00 0F | 00 | 0A 00 00 00 | 02 00 00 00 | 1C 47 45 54 0C 62"));
                byte[] v = "V".repeat(40000).getBytes(StandardCharsets.US_ASCII);
                byte[] reply = concat(hex("15 40 9C"), v);
                out.write(hex("00 09 | 02 00 00 00 | 02 | 43 9C 00 00"));
                out.write(concat(hex("80 05 | 02 00 00 00 | 03"), java.util.Arrays.copyOfRange(reply, 0, 32768)));
                out.write(concat(hex("1C 48 | 02 00 00 00 | 04"), java.util.Arrays.copyOfRange(reply, 32768, reply.length)));
                assertThat(second).succeedsWithin(WAIT).isEqualTo("V".repeat(40000));

                // large push → takes session 3, start frame 0x41
                assertThat(jnode.send("sk", new Address(11), "P".repeat(40000))).isTrue();
                byte[] startFrame = readFrame(in);
                assertThat(java.util.Arrays.copyOfRange(startFrame, 0, 11))
                        .isEqualTo(hex("00 0D | 41 | 0B 00 00 00 | 03 00 00 00"));
                int size = startFrame[11] & 0xFF | (startFrame[12] & 0xFF) << 8 | (startFrame[13] & 0xFF) << 16;
                byte[] p1 = readFrame(in);
                assertThat(java.util.Arrays.copyOfRange(p1, 0, 7)).isEqualTo(hex("80 05 | 02 | 03 00 00 00"));
                byte[] p2 = readFrame(in);
                assertThat(p2[2]).isEqualTo((byte) 3);
                assertThat(32768 + p2.length - 7).isEqualTo(size);

                // query → session 4; an error reply fails the call with its text
                CompletableFuture<Address> q = jnode.query("sk", "sdb").toFuture();
                assertThat(readFrame(in)).isEqualTo(hex("00 0D | 00 | 00 00 00 00 | 04 00 00 00 | 1C 73 64 62"));
                out.write(hex("00 07 | 04 00 00 00 | 01 | 0A 0A"));
                assertThat(q).succeedsWithin(WAIT).isEqualTo(new Address(10));

                CompletableFuture<Object> failing = jnode.call("sk", "@nobody", "GET", "a").toFuture();
                byte[] req = readFrame(in);
                assertThat(req[11]).as("session 5").isEqualTo((byte) 5);
                out.write(concat(hex("00 11 | 05 00 00 00 | 00"), "Invalid name".getBytes(StandardCharsets.US_ASCII)));
                assertThat(failing).failsWithin(WAIT).withThrowableThat().havingRootCause()
                        .isInstanceOf(ClusterException.class).withMessageContaining("Invalid name")
                        .withMessageContaining("cluster node [sk]");

                // the peer goes away mid-call: the call fails at once, naming the node
                CompletableFuture<Object> dropped = jnode.call("sk", "@sdb", "GET", "a").toFuture();
                readFrame(in);
                s.close();
                assertThat(dropped).failsWithin(WAIT).withThrowableThat().havingRootCause()
                        .isInstanceOf(ClusterException.class).withMessageContaining("cluster node [sk]")
                        .withMessageContaining("lost");
            }
        }
    }
}

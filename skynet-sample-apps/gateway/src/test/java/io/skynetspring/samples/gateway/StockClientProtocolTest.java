package io.skynetspring.samples.gateway;

import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * skynet's example client against the gateway, byte for byte: the frames captured from a real skynet
 * node (shared/spec/netpack.md, section 3) sent over a raw socket, the server's frames compared whole.
 * The heartbeat runs every 5 s here, as in skynet's example, so the handshake text is its text.
 */
@SpringBootTest(properties = {"spring.main.keep-alive=false", "gateway.port=0", "gateway.heartbeat=5s",
        "spring.main.web-application-type=none"})
class StockClientProtocolTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @Autowired
    Skynet skynet;

    @Test
    void theExampleClientsFramesGetSkynetsAnswersAndHeartbeat() throws Exception {
        int port = skynet.call(skynet.queryService("watchdog").block(), "port", Integer.class).block(Duration.ofSeconds(5));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            out.write(bytes("00 04 15 02 04 04"));                                                   // handshake, session 1
            out.write(bytes("00 14 55 02 08 06 02 10 05 3F 68 65 6C 6C 6F 05 3E 77 6F 72 6C 64"));   // set hello=world, 2
            out.write(bytes("00 0D 55 02 06 08 01 C4 05 68 65 07 6C 6C 6F"));                         // get hello, 3
            out.flush();

            assertThat(frame(in)).isEqualTo("00 3F 55 02 01 04 01 C4 35 57 65 FF 05 6C 63 6F 6D 65 20 74 6F 20 73 6B "
                    + "79 6E 65 74 2C 20 49 20 77 69 6C 6C 20 73 65 6E 64 20 68 65 61 72 74 62 65 61 74 20 65 76 65 72 "
                    + "79 20 35 20 73 07 65 63 2E");
            assertThat(frame(in)).isEqualTo("00 04 15 02 01 06");
            assertThat(frame(in)).isEqualTo("00 0D 55 02 01 08 01 C4 05 77 6F 07 72 6C 64");
            // skynet's heartbeat: a request without session or body, 5 s after the agent started
            assertThat(frame(in)).isEqualTo("00 03 05 01 04");

            out.write(bytes("00 04 15 02 0A 0A"));                                                   // quit, session 4
            out.flush();
            // no answer: the connection is closed
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** One whole frame (length prefix included) as spaced upper-case hex. */
    private static String frame(InputStream input) throws Exception {
        DataInputStream in = (DataInputStream) input;
        int length = in.readUnsignedShort();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return HEX.formatHex(new byte[] {(byte) (length >> 8), (byte) length}) + " " + HEX.formatHex(payload);
    }
}

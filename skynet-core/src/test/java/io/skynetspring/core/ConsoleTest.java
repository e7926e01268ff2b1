package io.skynetspring.core;

import io.skynetspring.core.console.DebugConsole;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** skynet's debug console over a real socket: each command answers lines, then <CMD OK> or <CMD Error>. */
class ConsoleTest extends RuntimeFixture {

    private DebugConsole console;

    @AfterEach
    void closeConsole() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void listStatInfoPingKillAndErrorsOverOneSession() throws Exception {
        rt.template("calc", ctx -> (cmd, args) -> cmd);
        Address calc = rt.newService("calc").block(WAIT);
        rt.name(".calc", calc);
        Address other = rt.newService("calc").block(WAIT);
        console = DebugConsole.start(rt, "127.0.0.1", 0);
        assertThat(console.port()).isPositive();

        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(in.readLine()).isEqualTo("Welcome to skynet console");

            assertThat(command(in, out, "list")).containsExactly(calc + "\tcalc .calc", other + "\tcalc", "<CMD OK>");

            List<String> stat = command(in, out, "stat");
            assertThat(stat.get(0)).matches(calc + "\tcpu:\\d+\\.\\d{6}\tmessage:1\tmqlen:0\ttask:0");
            assertThat(stat).last().isEqualTo("<CMD OK>");

            assertThat(command(in, out, "info .calc")).contains("address\t" + calc, "template\tcalc", "<CMD OK>");
            assertThat(command(in, out, "ping " + calc)).hasSize(2).first().asString().matches(calc + "\t\\d+\\.\\d{3} ms");
            assertThat(command(in, out, "ping " + Integer.toHexString(other.localId()))).last().isEqualTo("<CMD OK>");

            assertThat(command(in, out, "frobnicate")).containsExactly(
                    "Invalid command, type help for command list", "<CMD Error>");
            assertThat(command(in, out, "info :zz")).containsExactly("Invalid address :zz", "<CMD Error>");
            assertThat(command(in, out, "ping :00000fff")).containsExactly("No service at :00000fff", "<CMD Error>");
            assertThat(command(in, out, "kill")).last().isEqualTo("<CMD Error>");

            assertThat(command(in, out, "kill " + other)).containsExactly(other + "\tcalc", "<CMD OK>");
            await().atMost(WAIT).until(() -> rt.service(other).isEmpty());

            assertThat(command(in, out, "mem")).first().asString().startsWith("heap used\t");
            assertThat(command(in, out, "gc")).last().isEqualTo("<CMD OK>");
            assertThat(command(in, out, "help")).contains("ping\tping address : mailbox round trip in ms, answered by the runtime");
            assertThat(command(in, out, "list")).containsExactly(calc + "\tcalc .calc", "<CMD OK>");
        }
    }

    @Test
    void listensOnLoopbackAndOnAnEphemeralPort() {
        console = DebugConsole.start(rt, "127.0.0.1", 0);
        assertThat(console.host()).isEqualTo("127.0.0.1");
        try (DebugConsole second = DebugConsole.start(rt, "127.0.0.1", 0)) {
            assertThat(second.port()).isNotEqualTo(console.port());
        }
    }

    private static List<String> command(BufferedReader in, PrintWriter out, String line) throws Exception {
        out.println(line);
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = in.readLine()) != null) {
            lines.add(l);
            if (l.equals("<CMD OK>") || l.equals("<CMD Error>")) {
                return lines;
            }
        }
        throw new AssertionError("console closed after " + lines);
    }
}

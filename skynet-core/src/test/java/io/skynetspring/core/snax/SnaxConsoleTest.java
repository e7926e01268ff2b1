package io.skynetspring.core.snax;

import io.skynetspring.core.console.DebugConsole;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The debug console's {@code hotfix} and {@code profile} commands over a real socket. */
class SnaxConsoleTest extends SnaxFixture {

    @TempDir
    Path tmp;
    private DebugConsole console;

    @AfterEach
    void closeConsole() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void hotfixAndProfileASnaxServiceFromTheConsole() throws Exception {
        Path v1 = CounterSources.v1(tmp.resolve("v1"));
        Path v2 = CounterSources.version(tmp.resolve("v2"), v1, CounterSources.counter("v2"));
        SnaxHandle counter = snax.newService(SourceCompiler.load(SourceCompiler.loader(v1), CounterSources.COUNTER))
                .block(WAIT);
        counter.post("hit", "a", 0L);
        counter.post("hit", "a", 1L);
        rt.template("plain", ctx -> (cmd, args) -> null);
        Address plain = rt.newService("plain").block(WAIT);
        console = DebugConsole.start(rt, "127.0.0.1", 0);

        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(in.readLine()).isEqualTo("Welcome to skynet console");
            Address a = counter.address();

            List<String> hotfix = command(in, out, "hotfix " + a + " " + v2);
            assertThat(hotfix.get(0)).matches(a + "\tcounter\tpaused \\d+\\.\\d{3} ms");
            assertThat(hotfix.get(1)).matches("class\thot.Counter \\(URLClassLoader@\\w+\\) -> hot.Counter \\(snax-hotfix-\\d+\\)");
            assertThat(hotfix).contains("methods\thit report slow tally total version", "<CMD OK>");
            assertThat(command(in, out, "call " + a + " version")).containsExactly("\"v2\"", "<CMD OK>");

            List<String> profile = command(in, out, "profile " + a);
            assertThat(profile.get(0)).matches("hit\tcount:2\ttotal:\\d+\\.\\d{3} ms\tmax:\\d+\\.\\d{3} ms");
            assertThat(profile).hasSize(7).last().isEqualTo("<CMD OK>");

            assertThat(command(in, out, "hotfix " + a + " " + tmp.resolve("nowhere"))).containsExactly(
                    "call to " + a + " (counter) command 'hotfix' failed: hotfix path " + tmp.resolve("nowhere")
                            + " does not exist", "<CMD Error>");
            assertThat(command(in, out, "hotfix " + a)).last().isEqualTo("<CMD Error>");
            assertThat(command(in, out, "profile " + plain)).containsExactly(
                    plain + " (plain) is not a snax service", "<CMD Error>");
            assertThat(command(in, out, "call " + a + " version")).containsExactly("\"v2\"", "<CMD OK>");
            assertThat(command(in, out, "help")).anyMatch(l -> l.startsWith("hotfix\thotfix address path"))
                    .anyMatch(l -> l.startsWith("profile\tprofile address"));
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

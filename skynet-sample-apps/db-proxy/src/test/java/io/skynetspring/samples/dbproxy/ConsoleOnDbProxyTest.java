package io.skynetspring.samples.dbproxy;

import io.skynetspring.boot.console.ConsoleLifecycle;
import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator pokes the db_proxy through skynet's debug console, without writing Java: Lua literals
 * in, the reply printed as Lua out, the service's own words when an argument is wrong.
 */
@SpringBootTest(properties = {
        "spring.main.keep-alive=false",
        "skynet.console.enabled=true",
})
class ConsoleOnDbProxyTest {

    @Autowired
    ConsoleLifecycle console;

    @Autowired
    Skynet skynet;

    @Test
    void createReadSaveAndDeleteAPlayerFromTheConsole() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(in.readLine()).isEqualTo("Welcome to skynet console");

            assertThat(command(in, out, "call .db_proxy create_player {id=3001, name='carol', bag={{item='sword', count=1}}}"))
                    .last().isEqualTo("<CMD OK>");
            assertThat(command(in, out, "call .db_proxy get_player 3001")).containsExactly(
                    "{id=3001,data={id=3001,name=\"carol\",bag={{item=\"sword\",count=1}}},version=0}", "<CMD OK>");
            assertThat(command(in, out, "call .db_proxy save_player 3001 {id=3001, name='carol', level=2}"))
                    .containsExactly("1", "<CMD OK>");
            assertThat(command(in, out, "call .db_proxy get_player abc")).containsExactly(
                    "call to " + skynet.resolve(".db_proxy").orElseThrow() + " (.db_proxy) command 'get_player' failed: command 'get_player' parameter 1 (id): "
                            + "string \"abc\" is not a number; call it as get_player(long id)", "<CMD Error>");
            assertThat(command(in, out, "send .db_proxy delete_player 3001")).containsExactly("<CMD OK>");
            // the send is handled before the call, but each runs on its own JDBC thread: the delete lands soon after
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(command(in, out, "call .db_proxy get_player 3001")).containsExactly("nil", "<CMD OK>"));
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

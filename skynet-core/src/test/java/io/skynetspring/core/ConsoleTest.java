package io.skynetspring.core;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.console.DebugConsole;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** A db-proxy in miniature: what an operator pokes with call and send. */
    private void players() {
        rt.template("players", ctx -> {
            List<Object> remembered = new ArrayList<>();
            return (cmd, args) -> switch (cmd) {
                case "echo" -> Arrays.asList(args);
                case "get_player" -> {
                    long id;
                    try {
                        id = LuaValues.convert(args[0], long.class);
                    } catch (IllegalArgumentException e) {
                        throw new ServiceException(e.getMessage() + "; call it as get_player(long id)");
                    }
                    Map<String, Object> player = new LinkedHashMap<>();
                    player.put("id", id);
                    player.put("name", "Alice");
                    player.put("scores", List.of(1.5, 2L));
                    yield player;
                }
                case "remember" -> remembered.add(args[0]);
                case "remembered" -> remembered;
                case "nothing" -> null;
                default -> throw new ServiceException("unknown command '" + cmd + "'");
            };
        });
        rt.name(".players", rt.newService("players").block(WAIT));
    }

    @Test
    void callAndSendTakeLuaArgumentsAndPrintTheReplyAsLua() throws Exception {
        players();
        Address players = rt.resolve(".players").orElseThrow();
        console = DebugConsole.start(rt, "127.0.0.1", 0);

        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(in.readLine()).isEqualTo("Welcome to skynet console");

            assertThat(command(in, out, "call .players get_player 1001")).containsExactly(
                    "{id=1001,name=\"Alice\",scores={1.5,2}}", "<CMD OK>");
            // every literal kind, spaces or commas between them, as skynet's console takes them
            assertThat(command(in, out, "call " + players + " 'echo', 42, -7 2.5 1e3 0x1F \"a b\" 'it\\'s' "
                    + "\"tab\\there\\n\" word true false nil {1, 2, 3} {k = 'v'; [\"x y\"] = {}, [10] = true, 5}"))
                    .containsExactly("{42,-7,2.5,1000.0,31,\"a b\",\"it's\",\"tab\\there\\n\",\"word\",true,false,nil,"
                            + "{1,2,3},{[1]=5,k=\"v\",[\"x y\"]={},[10]=true}}", "<CMD OK>");
            assertThat(command(in, out, "call .players nothing")).containsExactly("nil", "<CMD OK>");

            assertThat(command(in, out, "send .players remember {level=3}")).containsExactly("<CMD OK>");
            assertThat(command(in, out, "call .players remembered")).containsExactly("{{level=3}}", "<CMD OK>");

            // a wrong argument type: the service's own error, naming the service and command
            assertThat(command(in, out, "call .players get_player abc")).containsExactly(
                    "call to " + players + " (.players) command 'get_player' failed: string \"abc\" is not a number; "
                            + "call it as get_player(long id)", "<CMD Error>");
            // a malformed line: a parse error naming the column, and nothing is sent
            assertThat(command(in, out, "call .players echo {1, 2")).containsExactly(
                    "bad argument at column 20: unfinished table: no closing }", "<CMD Error>");
            assertThat(command(in, out, "call .players echo 'abc")).containsExactly(
                    "bad argument at column 20: unfinished string: no closing '", "<CMD Error>");
            assertThat(command(in, out, "send .players remember {1 2}")).containsExactly(
                    "bad argument at column 27: expected ',' or '}' in the table opened at column 24", "<CMD Error>");
            assertThat(command(in, out, "call .players echo 12abc")).containsExactly(
                    "bad argument at column 20: malformed number '12abc'", "<CMD Error>");
            assertThat(command(in, out, "call .players echo \"\\q\"")).containsExactly(
                    "bad argument at column 21: invalid escape \\q", "<CMD Error>");
            assertThat(command(in, out, "call .players remembered")).containsExactly("{{level=3}}", "<CMD OK>");

            assertThat(command(in, out, "call .players")).containsExactly(
                    "call needs a command name after the address, e.g. call .players get_player 1001", "<CMD Error>");
            assertThat(command(in, out, "call .nobody get_player 1")).containsExactly("Invalid address .nobody", "<CMD Error>");
            assertThat(command(in, out, "help")).anyMatch(l -> l.startsWith("call\tcall address cmd args..."))
                    .anyMatch(l -> l.startsWith("send\tsend address cmd args..."));
        }
    }

    @Test
    void aCallThatGetsNoReplyEndsAtTheNodesCallDeadline() throws Exception {
        try (SkynetRuntime node = SkynetRuntime.start(new NodeSettings(1, 64, 1024, Duration.ofMillis(300), 0));
             DebugConsole console = DebugConsole.start(node, "127.0.0.1", 0);
             Socket socket = new Socket("127.0.0.1", console.port())) {
            // takes the reply over and never gives it
            node.template("silent", ctx -> (cmd, args) -> {
                ctx.response();
                return null;
            });
            Address silent = node.newService("silent").block(WAIT);
            socket.setSoTimeout((int) WAIT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(in.readLine()).isEqualTo("Welcome to skynet console");

            assertThat(command(in, out, "call " + silent + " wait 1")).containsExactly(
                    "call to " + silent + " (silent) command 'wait' failed: no reply within 300 ms", "<CMD Error>");
            assertThat(command(in, out, "list")).containsExactly(silent + "\tsilent", "<CMD OK>");
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

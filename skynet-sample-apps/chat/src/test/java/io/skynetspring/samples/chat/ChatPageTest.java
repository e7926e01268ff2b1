package io.skynetspring.samples.chat;

import io.skynetspring.samples.testsupport.Browser;
import io.skynetspring.samples.testsupport.BrowserScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in Debian's Chromium (npm's playwright-core; see test-support's {@link Browser}):
 * two pages talking, the live console watching a room, a page whose socket is cut coming back without repeating
 * lines, and both pages back after the server restarts on the same port. Screenshots of every page go to target/screenshots. Skipped with a message without
 * chromium, node or npm, except under CI=true.
 */
class ChatPageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static int port;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws IOException {
        Browser.require();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = startApp();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void twoPagesJoinARoomAndSeeEachOthersMessagesInOneOrder() {
        JsonNode r = run("two-pages", "lobby");   // the only test in lobby; its screenshot is the README's
        List<String> expected = List.of(
                "alice: Hello Bob, this room is a skynet service.",
                "bob: Hi Alice! And each message is one in its mailbox.",
                "alice: Both of us see them in the same order.");
        assertThat(lines(r.path("alice"))).containsExactlyElementsOf(expected);
        assertThat(lines(r.path("bob"))).containsExactlyElementsOf(expected);
        assertThat(seqs(r.path("alice"))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(r.path("bob"))).containsExactly(1L, 2L, 3L);
        assertThat(strings(r.path("presence"))).contains("bob joined");
        assertThat(r.path("textCleared").asString()).isEmpty();
    }

    @Test
    void markupInAMessageOrANickShowsAsText() {
        JsonNode r = run("markup", "markup");
        assertThat(r.path("refusedNick").asString()).contains("a nick is 1-24 letters, digits, _ or -");
        assertThat(r.path("pwned").asString()).isEqualTo("undefined");
        assertThat(strings(r.path("texts"))).containsExactly(
                "mallory<script>window.pwned=1</script>",
                "mallory<img src=x onerror=\"window.pwned=2\"><b>not bold</b>");
        assertThat(r.path("elements").asInt()).isZero();
    }

    @Test
    void aPageWhoseSocketDropsRejoinsAndShowsEachLineOnce() {
        JsonNode r = run("drop", "drop");
        assertThat(r.path("sockets").asInt()).as("sockets alice's page opened").isEqualTo(2);
        List<String> expected = List.of("bob: one", "alice: two", "bob: three");
        assertThat(lines(r.path("alice"))).containsExactlyElementsOf(expected);
        assertThat(seqs(r.path("alice"))).containsExactly(1L, 2L, 3L);
        assertThat(lines(r.path("bob"))).containsExactlyElementsOf(expected);
    }

    @Test
    void afterTheServerRestartsBothPagesReconnectAndChat() {
        try (BrowserScript s = script("restart", "restart")) {
            s.await("chatting", WAIT);
            app.close();
            s.tell("stopped");
            s.await("reconnecting", WAIT);
            app = startApp();
            s.tell("started");
            JsonNode r = JSON.readTree(s.result(WAIT));
            assertThat(strings(r.path("status"))).containsExactly("connected", "connected");
            // the restarted room began anew: the pages drop the old lines and show the new room's
            List<String> expected = List.of("alice: after the restart", "bob: welcome back");
            assertThat(lines(r.path("alice"))).containsExactlyElementsOf(expected);
            assertThat(lines(r.path("bob"))).containsExactlyElementsOf(expected);
            assertThat(seqs(r.path("bob"))).containsExactly(1L, 2L);
            assertThat(strings(r.path("notices"))).contains("the server restarted; the room starts anew");
        }
    }

    @Test
    void theLiveConsoleListsTheRoomsServiceAndItsMessageCountRisesWhileThePagesChat() {
        JsonNode r = run("console", "console");
        assertThat(strings(r.path("templates"))).contains("room", "rooms", "chat");
        List<Long> before = new ArrayList<>();
        r.path("before").forEach(n -> before.add(n.asLong()));
        List<Long> after = new ArrayList<>();
        r.path("after").forEach(n -> after.add(n.asLong()));
        assertThat(after).hasSameSizeAs(before).isNotEmpty();
        long rose = 0;
        for (int i = 0; i < after.size(); i++) {
            rose = Math.max(rose, after.get(i) - before.get(i));
        }
        assertThat(rose).as("messages the room's service handled while 5 lines were said").isGreaterThanOrEqualTo(5);
        assertThat(r.path("chart").asInt()).isEqualTo(1);
        assertThat(r.path("updated").asString()).isNotBlank();
    }

    private static ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(ChatApplication.class)
                .properties("server.port=" + port, "server.address=127.0.0.1", "spring.main.keep-alive=false",
                        "spring.main.banner-mode=off")
                .run();
    }

    private JsonNode run(String scenario, String room) {
        try (BrowserScript s = script(scenario, room)) {
            return JSON.readTree(s.result(WAIT));
        }
    }

    private BrowserScript script(String scenario, String room) {
        return Browser.require().start(getClass(), "/browser/chat-page.js", scenario,
                "http://127.0.0.1:" + port + "/", room, Browser.screenshots().toString());
    }

    private static List<String> lines(JsonNode lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.path("nick").asString() + ": " + l.path("text").asString()));
        return out;
    }

    private static List<Long> seqs(JsonNode lines) {
        List<Long> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.path("seq").asLong()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}

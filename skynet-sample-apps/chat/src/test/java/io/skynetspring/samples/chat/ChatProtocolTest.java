package io.skynetspring.samples.chat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chat protocol driven by two and three users over real WebSockets (README, "Protocol"). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.keep-alive=false")
class ChatProtocolTest {

    @LocalServerPort
    int port;

    private static String room() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void twoUsersSeeEveryMessageInOneOrderWithIncreasingSeq() throws Exception {
        String room = room();
        try (ChatClient alice = new ChatClient(port); ChatClient bob = new ChatClient(port)) {
            JsonNode joined = alice.join(room, "alice").next("joined");
            assertThat(joined.path("room").asString()).isEqualTo(room);
            assertThat(joined.path("history").size()).isZero();
            assertThat(texts(joined.path("online"))).containsExactly("alice");

            assertThat(texts(bob.join(room, "bob").next("joined").path("online"))).containsExactly("alice", "bob");
            JsonNode presence = alice.next("presence");
            assertThat(presence.path("event").asString()).isEqualTo("join");
            assertThat(presence.path("nick").asString()).isEqualTo("bob");

            alice.say("one");
            bob.say("two");
            alice.say("three");
            for (ChatClient c : List.of(alice, bob)) {
                List<JsonNode> seen = List.of(c.next("message"), c.next("message"), c.next("message"));
                assertThat(seen).extracting(f -> f.path("text").asString()).containsExactlyInAnyOrder("one", "two", "three");
                assertThat(seen).extracting(f -> f.path("seq").asLong()).containsExactly(1L, 2L, 3L);
                assertThat(seen.get(0).path("ts").asLong()).isPositive();
            }
        }
    }

    @Test
    void bothSeeTheSameOrderWhenTheyTalkAtOnce() throws Exception {
        String room = room();
        try (ChatClient alice = new ChatClient(port); ChatClient bob = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            bob.join(room, "bob").next("joined");
            alice.next("presence");
            for (int i = 0; i < 5; i++) {
                alice.say("a" + i);
                bob.say("b" + i);
            }
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                a.add(alice.next("message").path("text").asString());
                b.add(bob.next("message").path("text").asString());
            }
            assertThat(a).isEqualTo(b).contains("a4", "b4");
        }
    }

    @Test
    void aJoinerGetsTheHistoryOldestFirstAndWhoIsOnline() throws Exception {
        String room = room();
        try (ChatClient alice = new ChatClient(port); ChatClient carol = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            alice.say("first").say("second");
            alice.next("message");
            alice.next("message");

            JsonNode joined = carol.join(room, "carol").next("joined");
            assertThat(joined.path("history")).extracting(l -> l.path("text").asString()).containsExactly("first", "second");
            assertThat(joined.path("history")).extracting(l -> l.path("nick").asString()).containsOnly("alice");
            assertThat(joined.path("history").get(1).path("seq").asLong()).isEqualTo(2);
            assertThat(texts(joined.path("online"))).containsExactly("alice", "carol");
        }
    }

    @Test
    void whoNickAndLeaveAreToldToTheRoom() throws Exception {
        String room = room();
        try (ChatClient alice = new ChatClient(port); ChatClient bob = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            bob.join(room, "bob").next("joined");
            alice.next("presence");

            assertThat(texts(bob.send("{\"type\":\"who\"}").next("who").path("online"))).containsExactly("alice", "bob");

            bob.send("{\"type\":\"nick\",\"nick\":\"alice\"}");
            assertThat(bob.next("error").path("code").asString()).isEqualTo("nick-taken");

            bob.send("{\"type\":\"nick\",\"nick\":\"robert\"}");
            for (ChatClient c : List.of(alice, bob)) {
                JsonNode nick = c.next("presence");
                assertThat(nick.path("event").asString()).isEqualTo("nick");
                assertThat(nick.path("old").asString()).isEqualTo("bob");
                assertThat(nick.path("nick").asString()).isEqualTo("robert");
                assertThat(texts(nick.path("online"))).containsExactly("alice", "robert");
            }
            bob.say("hi");
            assertThat(alice.next("message").path("nick").asString()).isEqualTo("robert");
            bob.next("message");

            bob.send("{\"type\":\"leave\"}");
            JsonNode left = alice.next("presence");
            assertThat(left.path("event").asString()).isEqualTo("leave");
            assertThat(left.path("nick").asString()).isEqualTo("robert");
            assertThat(texts(left.path("online"))).containsExactly("alice");
            bob.next("presence");
            bob.say("still here?");
            assertThat(bob.next("error").path("code").asString()).isEqualTo("not-joined");

            try (ChatClient dave = new ChatClient(port)) {
                dave.join(room, "dave").next("joined");
                alice.next("presence");
            }
            JsonNode gone = alice.next("presence");
            assertThat(gone.path("event").asString()).isEqualTo("leave");
            assertThat(gone.path("nick").asString()).isEqualTo("dave");
        }
    }

    @Test
    void aJoinTakenByAnotherIsRefusedAndTheSameNickRejoinsElsewhere() throws Exception {
        String room = room();
        String other = room();
        try (ChatClient alice = new ChatClient(port); ChatClient impostor = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            JsonNode refused = impostor.join(room, "alice").next("error");
            assertThat(refused.path("code").asString()).isEqualTo("nick-taken");
            assertThat(refused.path("message").asString()).contains("choose another nick");
            impostor.join(other, "alice").next("joined");

            alice.join(other, "alice2");      // switching rooms leaves the first one
            assertThat(alice.next("joined").path("room").asString()).isEqualTo(other);
            impostor.next("presence");
            try (ChatClient bob = new ChatClient(port)) {
                assertThat(texts(bob.join(room, "bob").next("joined").path("online"))).containsExactly("bob");
            }
        }
    }

    @Test
    void tooLongAndTooFastAreRefusedAndTheConnectionStaysUsable() throws Exception {
        String room = room();
        try (ChatClient alice = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            JsonNode tooLong = alice.say("x".repeat(501)).next("error");
            assertThat(tooLong.path("code").asString()).isEqualTo("too-long");
            assertThat(tooLong.path("message").asString()).contains("at most 500 characters");
            assertThat(alice.say("y".repeat(500)).next("message").path("text").asString()).hasSize(500);

            for (int i = 0; i < 20; i++) {
                alice.say("burst " + i);
            }
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 20; i++) {
                JsonNode f = alice.next();
                if (f.path("type").asString().equals("message")) {
                    accepted++;
                } else {
                    assertThat(f.path("code").asString()).isEqualTo("rate-limited");
                    assertThat(f.path("message").asString()).contains("wait a moment");
                    limited++;
                }
            }
            // the burst of 10, one of which the 500-character line took, plus what refilled meanwhile
            assertThat(accepted).isBetween(9, 15);
            assertThat(limited).isEqualTo(20 - accepted);

            await().atMost(3, TimeUnit.SECONDS).pollInterval(300, TimeUnit.MILLISECONDS).until(() -> {
                JsonNode f = alice.say("later").next();
                return f.path("type").asString().equals("message") && f.path("text").asString().equals("later");
            });
        }
    }

    @Test
    void markupIsStoredAndEchoedVerbatim() throws Exception {
        String room = room();
        String script = "<script>window.pwned=1</script> & \"quotes\" <b>bold</b>";
        try (ChatClient alice = new ChatClient(port); ChatClient bob = new ChatClient(port)) {
            alice.join(room, "alice").next("joined");
            alice.say(script);
            assertThat(alice.next("message").path("text").asString()).isEqualTo(script);
            assertThat(bob.join(room, "bob").next("joined").path("history").get(0).path("text").asString())
                    .isEqualTo(script);
        }
    }

    @Test
    void badFramesAreAnsweredAndTheConnectionStaysOpen() throws Exception {
        try (ChatClient c = new ChatClient(port)) {
            assertThat(c.send("{not json").next("error").path("code").asString()).isEqualTo("bad-request");
            assertThat(c.send("[1,2]").next("error").path("code").asString()).isEqualTo("bad-request");
            JsonNode unknown = c.send("{\"type\":\"dance\"}").next("error");
            assertThat(unknown.path("code").asString()).isEqualTo("bad-request");
            assertThat(unknown.path("message").asString()).contains("unknown type \"dance\"", "join, say, nick, who or leave");
            assertThat(c.send("{\"type\":\"say\",\"text\":\"hi\"}").next("error").path("code").asString())
                    .isEqualTo("not-joined");
            assertThat(c.send("{\"type\":\"who\"}").next("error").path("code").asString()).isEqualTo("not-joined");
            assertThat(c.join("no room!", "alice").next("error").path("code").asString()).isEqualTo("bad-room");
            assertThat(c.join("x".repeat(33), "alice").next("error").path("code").asString()).isEqualTo("bad-room");
            JsonNode badNick = c.join("lobby", "<b>bob</b>").next("error");
            assertThat(badNick.path("code").asString()).isEqualTo("bad-nick");
            assertThat(badNick.path("message").asString()).contains("1-24 letters, digits, _ or -");
            assertThat(c.join("lobby", "x".repeat(25)).next("error").path("code").asString()).isEqualTo("bad-nick");

            String room = room();
            c.join(room, "alice").next("joined");
            assertThat(c.send("{\"type\":\"say\",\"text\":42}").next("error").path("code").asString())
                    .isEqualTo("bad-request");
            assertThat(c.send("{\"type\":\"say\",\"text\":\"  \"}").next("error").path("code").asString())
                    .isEqualTo("bad-request");
            assertThat(c.say("still talking").next("message").path("text").asString()).isEqualTo("still talking");
            assertThat(c.closed).isNotDone();
        }
    }

    @Test
    void framesSentRightAfterAJoinWaitForIt() throws Exception {
        try (ChatClient c = new ChatClient(port)) {
            c.join(room(), "eager").say("no waiting").send("{\"type\":\"who\"}");
            c.next("joined");
            assertThat(c.next("message").path("text").asString()).isEqualTo("no waiting");
            assertThat(texts(c.next("who").path("online"))).containsExactly("eager");
        }
    }

    @Test
    void aFrameOver4KiBClosesTheSocketWith1009() throws Exception {
        try (ChatClient c = new ChatClient(port)) {
            c.say("z".repeat(5000));
            assertThat(c.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
        try (ChatClient after = new ChatClient(port)) {
            assertThat(after.join(room(), "next").next("joined").path("nick").asString()).isEqualTo("next");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}

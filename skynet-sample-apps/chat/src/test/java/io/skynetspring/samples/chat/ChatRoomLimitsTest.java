package io.skynetspring.samples.chat;

import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What a room keeps and how many rooms a node opens; the say rate is lifted so 105 lines go at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.keep-alive=false", "chat.say-burst=1000", "chat.max-rooms=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the rooms test fills the node's rooms; history first
class ChatRoomLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    Skynet skynet;

    @Test
    @Order(1)
    void aRoomKeepsItsLast100LinesOldestFirst() throws Exception {
        try (ChatClient alice = new ChatClient(port); ChatClient late = new ChatClient(port)) {
            alice.join("history", "alice").next("joined");
            for (int i = 1; i <= 105; i++) {
                alice.say("line " + i);
            }
            for (int i = 1; i <= 105; i++) {
                assertThat(alice.next("message").path("seq").asLong()).isEqualTo(i);
            }
            JsonNode history = late.join("history", "late").next("joined").path("history");
            assertThat(history.size()).isEqualTo(100);
            assertThat(history.get(0).path("text").asString()).isEqualTo("line 6");
            assertThat(history.get(0).path("seq").asLong()).isEqualTo(6);
            assertThat(history.get(99).path("text").asString()).isEqualTo("line 105");
        }
    }

    @Test
    @Order(2)
    void pastMaxRoomsAJoinIsRefusedAndOpenRoomsStillJoin() throws Exception {
        try (ChatClient c = new ChatClient(port)) {
            JsonNode answer = null;
            for (int i = 0; i < 4; i++) {      // the history test opened one room already
                answer = answer(c.join("full" + i, "carol"));
                if (answer.path("type").asString().equals("error")) {
                    break;
                }
            }
            assertThat(answer.path("code").asString()).isEqualTo("bad-room");
            assertThat(answer.path("message").asString()).contains("at most 3 rooms", "join one that exists");
            assertThat(skynet.call(skynet.queryService("rooms").block(ChatClient.WAIT), "size", Integer.class)
                    .block(ChatClient.WAIT)).isEqualTo(3);
            assertThat(answer(c.join("full0", "carol")).path("room").asString()).isEqualTo("full0");
        }
    }

    /** The answer to a join: joined or an error (skipping the presence of the room it left). */
    private static JsonNode answer(ChatClient c) throws InterruptedException {
        JsonNode f = c.next();
        while (f.path("type").asString().equals("presence")) {
            f = c.next();
        }
        return f;
    }
}

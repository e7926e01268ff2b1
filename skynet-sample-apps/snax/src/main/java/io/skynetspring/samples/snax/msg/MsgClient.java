package io.skynetspring.samples.snax.msg;

import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A session's callback for the message server: what the seed's {@code sessions[session_id](message)}
 * calls. It keeps the last {@value #KEPT} messages.
 *
 * <pre>{@code client.req("inbox", List.class).block()   // [hi]}</pre>
 */
@SnaxService("msgclient")
public class MsgClient {

    static final int KEPT = 100;

    private final Deque<String> inbox = new ArrayDeque<>();

    @Accept
    public void deliver(String message) {
        if (inbox.size() == KEPT) {
            inbox.removeFirst();
        }
        inbox.addLast(message);
    }

    @Response
    public List<String> inbox() {
        return new ArrayList<>(inbox);
    }
}

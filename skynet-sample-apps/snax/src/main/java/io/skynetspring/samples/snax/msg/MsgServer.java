package io.skynetspring.samples.snax.msg;

import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Init;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxHandle;
import io.skynetspring.core.snax.SnaxService;

import java.util.HashMap;
import java.util.Map;

/**
 * Seed 5.2, snax/msgserver.lua: sessions arrive by {@code connection} (a post) with their callback,
 * and {@code sendMessage} (the seed's {@code request.send_message}, a {@code @Response} here) hands a
 * message to the session's callback. A Lua callback cannot cross services, so a session's callback
 * is the handle of a snax service whose {@code deliver} accepts the message ({@link MsgClient}).
 *
 * <pre>{@code msg.post("connection", 7, client);  msg.req("sendMessage", SendResult.class, 7, "hi").block();}</pre>
 */
@SnaxService("msgserver")
public class MsgServer {

    private final ServiceContext ctx;
    private final Map<Integer, SnaxHandle> sessions = new HashMap<>();
    private int maxSessions;
    private int port;

    public MsgServer(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void init(MsgConf conf) {
        maxSessions = conf.maxSessions();
        ctx.log("message server starting", conf.host(), conf.port());
        listen(conf.port());   // the seed's self.response.listen(conf.port): a plain call of our own method
    }

    @Response
    public boolean listen(int port) {
        this.port = port;
        ctx.log("listening on port", port);
        return true;
    }

    @Response
    public SendResult sendMessage(int sessionId, String message) {
        SnaxHandle callback = sessions.get(sessionId);
        if (callback == null) {
            return SendResult.error("session not found");
        }
        callback.post("deliver", message);
        return SendResult.ok();
    }

    @Accept
    public void connection(int sessionId, SnaxHandle callback) {
        if (sessions.size() >= maxSessions && !sessions.containsKey(sessionId)) {
            ctx.incidents().warn("msg.sessions.full", ctx.self(), "session {} refused: {} sessions already",
                    sessionId, maxSessions);
            return;
        }
        sessions.put(sessionId, callback);
        ctx.log("new connection", sessionId);
    }

    @Accept
    public void disconnect(int sessionId) {
        sessions.remove(sessionId);
        ctx.log("connection", sessionId, "closed");
    }

    @Response
    public int port() {
        return port;
    }
}

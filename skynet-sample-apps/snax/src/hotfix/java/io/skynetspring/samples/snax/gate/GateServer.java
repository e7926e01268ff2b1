package io.skynetspring.samples.snax.gate;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Exit;
import io.skynetspring.core.snax.Init;
import io.skynetspring.core.snax.Migrate;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.util.HashMap;
import java.util.Map;

/**
 * Version 2 of the gate server, for {@code snax.hotfix}: not compiled with the app. Its
 * {@code @Migrate} is the seed's {@code hotfix(source)}: it takes over the running version's
 * connections and logins; {@code version()} says 2.
 */
@SnaxService("gateserver")
public class GateServer {

    private final ServiceContext ctx;
    private final Map<Integer, String> connections = new HashMap<>();
    private final Map<Integer, Long> logins = new HashMap<>();
    private int maxClients;
    private long nextUserId = 1001;

    public GateServer(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Migrate
    @SuppressWarnings("unchecked")
    public void hotfix(Map<String, Object> old) {
        connections.putAll((Map<Integer, String>) old.get("connections"));
        logins.putAll((Map<Integer, Long>) old.get("logins"));
        maxClients = (Integer) old.get("maxClients");
        nextUserId = (Long) old.get("nextUserId");
        ctx.log("hotfix: version 2 took over", connections.size(), "connections and", logins.size(), "logins");
    }

    @Init
    public void init(GateConfig config) {
        maxClients = config.maxClients();
        ctx.log("gate server starting on", config.host() + ":" + config.port(), "for", maxClients, "clients");
    }

    @Exit
    public void exit(String reason) {
        ctx.log("gate server (version 2) exiting:", reason, "with", connections.size(), "connections");
    }

    @Accept
    public void accept(int id, String addr) {
        if (connections.size() >= maxClients && !connections.containsKey(id)) {
            ctx.incidents().warn("gate.full", ctx.self(), "connection {} from {} refused: {} clients already",
                    id, addr, maxClients);
            return;
        }
        connections.put(id, addr);
        ctx.log("accepted connection", id, "from", addr);
    }

    @Accept
    public void disconnect(int id) {
        connections.remove(id);
        logins.remove(id);
        ctx.log("connection", id, "closed");
    }

    @Response
    public Handshake handshake(int id) {
        connection(id);
        return new Handshake("ok");
    }

    @Response
    public LoginTicket login(int id, String username, String password) {
        connection(id);
        long userid = logins.computeIfAbsent(id, k -> nextUserId++);
        ctx.log("login of", username, "on connection", id);
        return new LoginTicket("t" + userid + "-" + username, userid);
    }

    @Response
    public int version() {
        return 2;
    }

    private String connection(int id) {
        String addr = connections.get(id);
        if (addr == null) {
            throw new ServiceException("no connection " + id + "; post accept(" + id + ", addr) first");
        }
        return addr;
    }
}

package io.skynetspring.samples.snax.gate;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Exit;
import io.skynetspring.core.snax.Init;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.util.HashMap;
import java.util.Map;

/**
 * Seed 5.1, snax/gateserver.lua: connections come in by {@code accept} (a post), then a client
 * handshakes and logs in (reqs). The seed's {@code request.login} is a {@code @Response}: skynet's
 * snax has only the accept and response groups. Its {@code hotfix(source)} is the new version's
 * {@code @Migrate} (see src/hotfix).
 *
 * <pre>{@code gate.req("handshake", Handshake.class, 100).block()   // Handshake[status=ok]}</pre>
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

    @Init
    public void init(GateConfig config) {
        maxClients = config.maxClients();
        ctx.log("gate server starting on", config.host() + ":" + config.port(), "for", maxClients, "clients");
    }

    @Exit
    public void exit(String reason) {
        ctx.log("gate server exiting:", reason, "with", connections.size(), "connections");
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
        return 1;
    }

    private String connection(int id) {
        String addr = connections.get(id);
        if (addr == null) {
            throw new ServiceException("no connection " + id + "; post accept(" + id + ", addr) first");
        }
        return addr;
    }
}

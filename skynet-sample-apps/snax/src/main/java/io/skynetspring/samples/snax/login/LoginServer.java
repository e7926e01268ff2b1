package io.skynetspring.samples.snax.login;

import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Init;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 5.3, snax/loginserver.lua: {@code login} checks the password against {@link LoginUsers} (a
 * Spring bean), keeps the user online with a new token and sends them to a gateway registered by
 * {@code registerGate}; {@code logout} takes the token back. The seed's {@code request.*} functions
 * are {@code @Response} methods (skynet's snax has only accept and response).
 *
 * <pre>{@code login.req("login", LoginReply.class, "alice", "wonderland").block()   // code 0, a token, a gateway}</pre>
 */
@SnaxService("loginserver")
public class LoginServer {

    static final int MAX_GATES = 64;

    private final ServiceContext ctx;
    private final LoginUsers accounts;
    private final SecureRandom random = new SecureRandom();
    /** Online users by name; only verified users get in, so the directory bounds it. */
    private final Map<String, Online> users = new HashMap<>();
    private final Map<Integer, String> gates = new LinkedHashMap<>();
    private int nextGate;

    /** One online user: the seed's {@code {token = token, login_time = skynet.time()}}. */
    record Online(String token, Instant loginTime) {
    }

    public LoginServer(ServiceContext ctx, LoginUsers accounts) {
        this.ctx = ctx;
        this.accounts = accounts;
    }

    @Init
    public void init(String name) {
        ctx.log("login server", name, "starting with", accounts.users().size(), "accounts");
    }

    @Response
    public LoginReply login(String username, String password) {
        if (!accounts.verify(username, password)) {
            return LoginReply.failed("wrong user name or password");
        }
        String token = HexFormat.of().formatHex(bytes());
        users.put(username, new Online(token, Instant.now()));
        return new LoginReply(0, "login ok", token, selectGateway());
    }

    @Response
    public LoginReply logout(String token) {
        for (var it = users.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().token().equals(token)) {
                it.remove();
                return new LoginReply(0, "logged out", null, null);
            }
        }
        return LoginReply.failed("not logged in");
    }

    @Accept
    public void registerGate(int gateId, String gateAddr) {
        if (gates.size() >= MAX_GATES && !gates.containsKey(gateId)) {
            ctx.incidents().warn("login.gates.full", ctx.self(), "gate {} at {} refused: {} gates already",
                    gateId, gateAddr, MAX_GATES);
            return;
        }
        gates.put(gateId, gateAddr);
        ctx.log("gate", gateId, "registered at", gateAddr);
    }

    @Response
    public List<String> online() {
        return new ArrayList<>(users.keySet());
    }

    /** The seed's {@code select_gateway()}: the registered gates in turn; null while there is none. */
    private String selectGateway() {
        if (gates.isEmpty()) {
            return null;
        }
        List<String> addrs = new ArrayList<>(gates.values());
        return addrs.get(Math.floorMod(nextGate++, addrs.size()));
    }

    private byte[] bytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }
}

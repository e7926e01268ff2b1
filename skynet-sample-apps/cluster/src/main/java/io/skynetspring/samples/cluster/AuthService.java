package io.skynetspring.samples.cluster;

import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Exit;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.SnaxService;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Seed 6.3's {@code auth_service}: a snax service on node2 (role {@code auth}) that node1 reaches with
 * {@code cluster.snax("node2", "auth_service")}. Method ids are fixed, so a Lua caller's stub
 * ({@code response.login}, {@code accept.logout}, {@code response.online}) reaches the same methods.
 */
@SnaxService("auth_service")
public class AuthService {

    /** Players logged in now; bounded as every table a client can grow. */
    static final int MAX_ONLINE = 10_000;

    private final Set<String> online = new LinkedHashSet<>();

    @Response(id = 5)
    public Map<String, Object> login(String user, String pass) {
        if (user.isEmpty() || !pass.equals("pass")) {
            throw new ServiceException("login refused for '" + user + "': wrong password");
        }
        if (!online.contains(user) && online.size() >= MAX_ONLINE) {
            throw new ServiceException("login refused for '" + user + "': " + MAX_ONLINE + " players online");
        }
        online.add(user);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("token", "token-" + user);
        r.put("online", (long) online.size());
        return r;
    }

    @Accept(id = 6)
    public void logout(String user) {
        online.remove(user);
    }

    @Response(id = 7)
    public Set<String> online() {
        return Set.copyOf(online);
    }

    @Exit
    public void exit() {
        online.clear();
    }
}

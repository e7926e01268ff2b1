package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.samples.gateway.GatewayProperties;
import io.skynetspring.samples.gateway.data.Player;
import io.skynetspring.samples.gateway.data.PlayerData;
import io.skynetspring.samples.gateway.link.ClientLink;
import io.skynetspring.samples.gateway.login.LoginTokens;
import io.skynetspring.samples.gateway.protocol.GameProtocol;
import io.skynetspring.sproto.Dispatched;
import io.skynetspring.sproto.SprotoException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * One connection's agent, skynet's {@code agent.lua}: decodes the client's sproto requests, answers
 * skynet's example protocol (handshake, get, set, quit) and plays the game's (login, move, logout);
 * pushes a heartbeat every {@code gateway.heartbeat} and kicks a client that sent no request for
 * {@code gateway.idle-kick}. A malformed packet or an unknown protocol gets a {@code kick} push
 * naming it and a close, with one rate-limited line ({@code gateway.bad-packet}).
 *
 * <pre>{@code Address agent = ctx.newService("agent").block();  ctx.call(agent, "start", link);}</pre>
 */
@SkynetService(value = "agent", mailboxCapacity = 4096)
public class Agent {

    /** Coordinates a move may carry, either way from 0. */
    static final int MAX_COORDINATE = 1_000_000;

    private final ServiceContext ctx;
    private final GameProtocol protocol;
    private final PlayerData data;
    private final LoginTokens tokens;
    private final GatewayProperties properties;
    private ClientLink link;
    private long lastActive;
    private Disposable heartbeat;
    private Player player;
    /** The save that began when the player left, until it ends: what a shutdown waits for. */
    private Mono<Void> saving;
    private Address scene;
    private boolean loggingIn;
    private int loginFailures;
    private boolean closed;

    public Agent(ServiceContext ctx, GameProtocol protocol, PlayerData data, LoginTokens tokens,
                 GatewayProperties properties) {
        this.ctx = ctx;
        this.protocol = protocol;
        this.data = data;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** Takes the connection: from now on its packets arrive as {@code client} and heartbeats go out. */
    @Command
    public boolean start(ClientLink client) {
        this.link = client;
        this.lastActive = System.nanoTime();
        heartbeat = ctx.timeout(properties.getHeartbeat(), this::beat);
        return true;
    }

    /** One packet from the client (the gate's session id or a WebSocket id first, as skynet's client messages). */
    @Command
    public void client(long connection, byte[] packet) {
        if (closed) {
            return;
        }
        lastActive = System.nanoTime();
        Dispatched.Request request;
        try {
            if (!(protocol.dispatch(packet) instanceof Dispatched.Request r)) {
                bad("a client sends requests; this was a response");
                return;
            }
            request = r;
        } catch (SprotoException e) {
            bad(e.getMessage());
            return;
        }
        switch (request.name()) {
            case "handshake" -> reply(request, Map.of("msg", "Welcome to skynet, I will send heartbeat every "
                    + properties.getHeartbeat().toSeconds() + " sec."));
            case "get" -> get(request);
            case "set" -> set(request);
            case "quit" -> close();
            case "login" -> login(request);
            case "move" -> move(request);
            case "logout" -> logout(request);
            default -> bad("protocol " + request.name() + " is not served here");
        }
    }

    /** The connection closed: leave the game (the player is saved) and end. */
    @Command
    public void disconnect() {
        closed = true;
        leave().subscribe(null, e -> ctx.exit(), ctx::exit);
    }

    /**
     * The node is stopping: the client hears {@code kick "the server is shutting down"}, the player is
     * saved (or its save under way finishes) and the connection closes; answers once the player is saved.
     */
    @Command
    public Mono<Void> shutdown() {
        if (!closed) {
            link.send(protocol.kick("the server is shutting down"));
            closed = true;
            if (heartbeat != null) {
                heartbeat.dispose();
            }
        }
        return leave().doFinally(signal -> link.close());
    }

    /** The same player logged in on another connection. */
    @Command
    public void replaced() {
        kick("player " + (player == null ? "?" : player.id()) + " logged in on another connection");
    }

    // ---- skynet's example ----------------------------------------------------------------------

    private void get(Dispatched.Request r) {
        String key = string(r.args(), "what");
        ctx.call(".simpledb", "get", String.class, key)
                .<Map<String, Object>>map(value -> Map.of("result", value))
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(Map.of())
                .subscribe(result -> reply(r, result));
    }

    private void set(Dispatched.Request r) {
        ctx.call(".simpledb", "set", string(r.args(), "what"), string(r.args(), "value"))
                .subscribe(null, e -> reply(r, null), () -> reply(r, null));
    }

    // ---- the game --------------------------------------------------------------------------------

    private void login(Dispatched.Request r) {
        Map<String, Object> args = r.args();
        Object idValue = args.get("id");
        if (player != null) {
            refuse(r, "already logged in as player " + player.id() + "; log out first");
            return;
        }
        if (loggingIn) {
            refuse(r, "a login is in progress on this connection");
            return;
        }
        if (!(idValue instanceof Long id) || !tokens.valid(id, string(args, "token"))) {
            loginFailures++;
            ctx.incidents().record("gateway.login.refused");
            refuse(r, "bad token for player " + idValue + "; a token is hex(HMAC-SHA256(secret, id))");
            if (loginFailures >= properties.getMaxLoginFailures()) {
                kick(loginFailures + " failed logins");
            }
            return;
        }
        Object sceneValue = args.get("scene");
        if (sceneValue != null && !(sceneValue instanceof Long s && s >= 0 && s <= Integer.MAX_VALUE)) {
            refuse(r, "scene must be a number from 0 to " + Integer.MAX_VALUE + ", was " + sceneValue);
            return;
        }
        loggingIn = true;
        ctx.call(".world", "login", Boolean.class, id, ctx.self())
                .then(data.load(id).publishOn(ctx.scheduler()))
                .flatMap(loaded -> {
                    Player p = sceneValue instanceof Long s ? loaded.inScene(s.intValue()) : loaded;
                    return ctx.call(".world", "scene", Address.class, p.scene())
                            .flatMap(at -> ctx.call(at, "enter", Boolean.class, p.id(), link, p.x(), p.y())
                                    .thenReturn(new Entered(p, at)));
                })
                .subscribe(entered -> {
                    loggingIn = false;
                    player = entered.player;
                    scene = entered.scene;
                    if (closed) {
                        leave().subscribe();
                        return;
                    }
                    Map<String, Object> result = new HashMap<>();
                    result.put("ok", true);
                    result.put("name", player.name());
                    result.put("scene", (long) player.scene());
                    result.put("x", (long) player.x());
                    result.put("y", (long) player.y());
                    result.put("level", player.level());
                    reply(r, result);
                }, e -> {
                    loggingIn = false;
                    ctx.send(".world", "logout", id, ctx.self());
                    refuse(r, reason(e));
                });
    }

    private void move(Dispatched.Request r) {
        if (player == null) {
            refuse(r, loggingIn ? "the login is not finished; move after its answer" : "log in before you move");
            return;
        }
        Object x = r.args().get("x");
        Object y = r.args().get("y");
        if (!(x instanceof Long nx) || !(y instanceof Long ny) || Math.abs(nx) > MAX_COORDINATE
                || Math.abs(ny) > MAX_COORDINATE) {
            refuse(r, "a move needs x and y within -" + MAX_COORDINATE + ".." + MAX_COORDINATE + ", got " + x + ", " + y);
            return;
        }
        player = player.movedTo(nx.intValue(), ny.intValue());
        ctx.send(scene, "move", player.id(), player.x(), player.y());
        reply(r, Map.of("ok", true));
    }

    private void logout(Dispatched.Request r) {
        if (player == null) {
            refuse(r, "not logged in");
            return;
        }
        leave().subscribe(null, e -> refuse(r, reason(e)), () -> reply(r, Map.of("ok", true)));
    }

    /**
     * Leaves the scene and saves the player, then leaves the world (so the world's shutdown waits for the
     * save); the save already under way when no one is logged in any more, else empty.
     */
    private Mono<Void> leave() {
        Player p = player;
        if (p == null) {
            return saving == null ? Mono.empty() : saving;
        }
        player = null;
        ctx.send(scene, "leave", p.id(), link);
        scene = null;
        saving = data.save(p).publishOn(ctx.scheduler())
                .doOnError(e -> ctx.incidents().warn("gateway.save.failed", ctx.self(),
                        "gateway: player {} was not saved: {}", p.id(), e.toString()))
                // before the answer to a logout goes out, so a login right after it finds the player gone
                .doOnTerminate(() -> {
                    saving = null;
                    ctx.send(".world", "logout", p.id(), ctx.self());
                })
                .cache();
        return saving;
    }

    // ---- the clock -------------------------------------------------------------------------------

    private void beat() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastActive;
        if (idle >= properties.getIdleKick().toNanos()) {
            ctx.incidents().record("gateway.idle.kicked");
            kick("idle for " + properties.getIdleKick().toSeconds() + " s");
            return;
        }
        link.send(player == null ? protocol.heartbeat() : protocol.heartbeat(ctx.now()));
        heartbeat = ctx.timeout(properties.getHeartbeat(), this::beat);
    }

    // ---- answers and closes ----------------------------------------------------------------------

    private void reply(Dispatched.Request r, Map<String, Object> result) {
        if (r.responder() == null || closed) {
            return;
        }
        link.send(result == null ? r.responder().respond() : r.responder().respond(result));
    }

    /** An error answer for a request with a session; a one-way request's refusal is only counted. */
    private void refuse(Dispatched.Request r, String error) {
        ctx.incidents().record("gateway.refused");
        if (r.responder() != null && !closed) {
            link.send(r.responder().respond(Map.of("ok", false, "error", error)));
        }
    }

    private void bad(String what) {
        ctx.incidents().warn("gateway.bad-packet", ctx.self(), "gateway: {}: {}; closing it", link.describe(), what);
        kick("bad packet: " + what);
    }

    /** Tells the client why, then closes; the watchdog's disconnect follows and ends this agent. */
    private void kick(String reason) {
        if (closed) {
            return;
        }
        link.send(protocol.kick(reason));
        close();
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat != null) {
            heartbeat.dispose();
        }
        leave().subscribe(null, e -> link.close(), link::close);
    }

    private static String reason(Throwable e) {
        return e instanceof ServiceException se && se.reason() != null ? se.reason() : String.valueOf(e.getMessage());
    }

    private static String string(Map<String, Object> args, String field) {
        Object v = args == null ? null : args.get(field);
        return v == null ? null : v.toString();
    }

    private record Entered(Player player, Address scene) {
    }
}

package io.skynetspring.samples.gateway.bot;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skynetspring.samples.gateway.login.LoginTokens;
import io.skynetspring.samples.gateway.protocol.GameProtocol;
import io.skynetspring.sproto.Dispatched;
import io.skynetspring.sproto.Host;
import io.skynetspring.sproto.RequestPacker;
import io.skynetspring.sproto.Sproto;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A game client over the TCP gate: skynet's 2-byte frames and the gateway's sproto protocol, on Netty.
 * Requests with a session complete a future with the server's answer; pushes go to a
 * {@link BotListener} ({@code player_moves} as one {@code playerMove} per move). Many bots share one event loop group (the load generator runs thousands).
 * Every packet is decoded by skynet-sproto's {@code Host} into Maps; a bot made with {@link Moves#READ_DIRECT}
 * reads the move pushes straight from their bytes instead (much less CPU per move, for a load generator).
 * From the command line: {@code GatewayBot host port id [moves] [scene] [secret]}.
 *
 * <pre>{@code
 * try (GatewayBot bot = GatewayBot.connect("127.0.0.1", 8888, listener)) {
 *     bot.login(1001, tokens.issue(1001), 1).join();
 *     bot.move(3, 4);
 * }
 * }</pre>
 */
public final class GatewayBot implements AutoCloseable {

    /** Requests one bot may have unanswered; past it a request fails at once. */
    public static final int MAX_PENDING = 1024;

    private static final Sproto C2S = Sproto.parse(GameProtocol.schema("c2s"));
    private static final Sproto S2C = Sproto.parse(GameProtocol.schema("s2c"));
    private static volatile EventLoopGroup defaultGroup;

    private final Channel channel;
    private final Host host;
    private final RequestPacker requests;
    private final AtomicLong sessions = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private GatewayBot(Channel channel, Host host) {
        this.channel = channel;
        this.host = host;
        this.requests = host.attach(C2S);
    }

    /** Connects on a shared event loop group (one thread, daemon). */
    public static GatewayBot connect(String host, int port, BotListener listener) {
        return connect(host, port, listener, Moves.DECODED);
    }

    /** Connects on the shared event loop group, the move pushes decoded as {@code moves} says. */
    public static GatewayBot connect(String host, int port, BotListener listener, Moves moves) {
        return connect(sharedGroup(), host, port, listener, Duration.ofSeconds(5), moves);
    }

    /**
     * Connects on {@code group} (NIO, or epoll sockets on an epoll group); fails with an
     * {@link IllegalStateException} naming the address after {@code timeout}.
     */
    public static GatewayBot connect(EventLoopGroup group, String host, int port, BotListener listener, Duration timeout) {
        return connect(group, host, port, listener, timeout, Moves.DECODED);
    }

    /**
     * As {@link #connect(EventLoopGroup, String, int, BotListener, Duration)}, with the move pushes
     * decoded as {@code moves} says. {@code GatewayBot.connect(group, "127.0.0.1", 8888, l, timeout, Moves.READ_DIRECT)}
     */
    public static GatewayBot connect(EventLoopGroup group, String host, int port, BotListener listener, Duration timeout,
                                     Moves moves) {
        Host rpc = S2C.host();
        GatewayBot[] self = new GatewayBot[1];
        Inbound inbound = new Inbound(rpc, moves == Moves.READ_DIRECT ? new MovePushes(S2C) : null, listener, self);
        // the loop is picked once: asking the group its type would take a turn of its round robin too, and every
        // bot of a two-loop group would land on one loop. An epoll loop (Linux, as the load generator makes) needs
        // epoll sockets; any other is taken as NIO.
        EventLoop loop = group.next();
        Class<? extends SocketChannel> type = !(loop instanceof IoEventLoop io) ? NioSocketChannel.class
                : io.isIoType(EpollIoHandler.class) ? EpollSocketChannel.class
                : io.isIoType(IoUringIoHandler.class) ? IoUringSocketChannel.class : NioSocketChannel.class;
        Bootstrap b = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // writes carry their 2-byte length header already (see write)
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(0xFFFF + 2, 0, 2, 0, 2), inbound);
                    }
                });
        var future = b.connect(host, port);
        if (!future.awaitUninterruptibly(timeout.toMillis()) || !future.isSuccess()) {
            future.channel().close();
            Throwable cause = future.cause();
            throw new IllegalStateException("bot: cannot connect to " + host + ":" + port + ": "
                    + (cause == null ? "no answer within " + timeout.toMillis() + " ms" : cause.getMessage()), cause);
        }
        GatewayBot bot = new GatewayBot(future.channel(), rpc);
        self[0] = bot;
        future.channel().closeFuture().addListener(f -> bot.ended());
        return bot;
    }

    /** Logs in as {@code id} with its token, into {@code scene} (null: where the player was). */
    public CompletableFuture<LoginResult> login(long id, String token, Integer scene) {
        Map<String, Object> args = new HashMap<>();
        args.put("id", id);
        args.put("token", token);
        if (scene != null) {
            args.put("scene", (long) scene);
        }
        return request("login", args).thenApply(LoginResult::of);
    }

    /** A one-way move: no answer; the other players of the scene get a {@code player_move}. */
    public boolean move(long x, long y) {
        return send("move", new Move(x, y));
    }

    /** A move the server answers: {@code {ok=true}} or {@code {ok=false, error=...}}. */
    public CompletableFuture<Map<String, Object>> moveAcked(long x, long y) {
        return request("move", Map.of("x", x, "y", y));
    }

    public CompletableFuture<Map<String, Object>> logout() {
        return request("logout", null);
    }

    /** Sends {@code protocol(args)} with the next session; completes with the answer (an empty map for none). */
    public CompletableFuture<Map<String, Object>> request(String protocol, Object args) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        if (pending.size() >= MAX_PENDING) {
            answer.completeExceptionally(new IllegalStateException("bot: " + MAX_PENDING + " requests unanswered"));
            return answer;
        }
        long session = sessions.incrementAndGet();
        pending.put(session, answer);
        byte[] packet = requests.pack(protocol, args == null ? Map.of() : args, session);
        if (!write(packet)) {
            pending.remove(session);
            answer.completeExceptionally(new IOException("bot: the connection is closed"));
        }
        return answer;
    }

    /** Sends {@code protocol(args)} without a session (no answer). */
    public boolean send(String protocol, Object args) {
        return write(requests.pack(protocol, args == null ? Map.of() : args));
    }

    /**
     * Sends bytes as one frame, as they are (tests of bad input): the length header and the payload in
     * one direct buffer, so a load generator's event loop hands the kernel one buffer per frame.
     */
    public boolean write(byte[] payload) {
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("a frame holds at most 65535 bytes, not " + payload.length);
        }
        if (!channel.isActive()) {
            return false;
        }
        ByteBuf frame = channel.alloc().directBuffer(2 + payload.length);
        frame.writeShort(payload.length).writeBytes(payload);
        channel.writeAndFlush(frame, channel.voidPromise());
        return true;
    }

    /** The bot's event loop: periodic work scheduled there (a load generator's moves) writes without a thread hop. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Completes when the connection has closed. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2000);
    }

    private void ended() {
        IOException gone = new IOException("bot: the connection closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        closed.complete(null);
    }

    private void answered(long session, Map<String, Object> result) {
        CompletableFuture<Map<String, Object>> f = pending.remove(session);
        if (f != null) {
            f.complete(result == null ? Map.of() : result);
        }
    }

    private static EventLoopGroup sharedGroup() {
        EventLoopGroup g = defaultGroup;
        if (g == null) {
            synchronized (GatewayBot.class) {
                g = defaultGroup;
                if (g == null) {
                    g = new NioEventLoopGroup(1, new DefaultThreadFactory("gateway-bot", true));
                    defaultGroup = g;
                }
            }
        }
        return g;
    }

    /** The body of a {@code move}, encoded as a record: a load generator sends thousands a second. */
    private record Move(long x, long y) {
    }

    /** How a bot decodes the {@code player_move} and {@code player_moves} pushes; the listener hears the same either way. */
    public enum Moves {
        /** Through the sproto {@code Host} into Maps, as every other packet (the default). */
        DECODED,
        /** Straight from the 0-unpacked bytes, only the header and each move's id, x and y read. */
        READ_DIRECT
    }

    /** Frames from the server: answers complete their futures, pushes go to the listener. */
    private static final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
        private final Host host;
        private final MovePushes moves;
        private final BotListener listener;
        private final GatewayBot[] bot;

        Inbound(Host host, MovePushes moves, BotListener listener, GatewayBot[] bot) {
            this.host = host;
            this.moves = moves;
            this.listener = listener;
            this.bot = bot;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] packet = ByteBufUtil.getBytes(frame);
            if (moves != null && moves.read(packet, listener)) {
                return;
            }
            Dispatched d = host.dispatch(packet);
            if (d instanceof Dispatched.Response r) {
                bot[0].answered(r.session(), r.result());
                return;
            }
            Dispatched.Request push = (Dispatched.Request) d;
            Map<String, Object> a = push.args() == null ? Map.of() : push.args();
            switch (push.name()) {
                case "player_move" -> listener.playerMove((Long) a.get("id"), (Long) a.get("x"), (Long) a.get("y"));
                case "player_moves" -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> moves = (List<Map<String, Object>>) a.get("moves");
                    for (Map<String, Object> m : moves) {
                        listener.playerMove((Long) m.get("id"), (Long) m.get("x"), (Long) m.get("y"));
                    }
                }
                case "player_leave" -> listener.playerLeave((Long) a.get("id"));
                case "heartbeat" -> listener.heartbeat((Long) a.get("time"));
                case "kick" -> listener.kicked((String) a.get("reason"));
                default -> { }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            listener.closed();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * {@code host port id [moves] [scene] [secret]}: logs in (the token made from the secret, by default
     * the app's development secret), moves {@code moves} times (10 a second, default 20) and prints what
     * it hears, then logs out; exits with 1 if the login is refused or the server closes the connection.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: GatewayBot host port id [moves=20] [scene=1] [secret]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long id = Long.parseLong(args[2]);
        int moves = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int scene = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String secret = args.length > 5 ? args[5] : "skynet-gateway-dev-secret";
        BotListener print = new BotListener() {
            @Override
            public void playerMove(long other, long x, long y) {
                System.out.println("player_move id=" + other + " x=" + x + " y=" + y);
            }

            @Override
            public void playerLeave(long other) {
                System.out.println("player_leave id=" + other);
            }

            @Override
            public void heartbeat(Long time) {
                System.out.println("heartbeat time=" + time);
            }

            @Override
            public void kicked(String reason) {
                System.out.println("kick: " + reason);
            }
        };
        try (GatewayBot bot = connect(host, port, print)) {
            LoginResult login = bot.login(id, new LoginTokens(secret).issue(id), scene).get();
            System.out.println("login " + login);
            if (!login.ok()) {
                System.exit(1);
            }
            for (int i = 1; i <= moves && bot.isOpen(); i++) {
                bot.move(login.x() + i, login.y());
                Thread.sleep(100);
            }
            if (!bot.isOpen()) {
                System.out.println("closed by the server");
                System.exit(1);
            }
            System.out.println("logout " + bot.logout().get());
        }
    }
}

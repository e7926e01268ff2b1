package io.skynetspring.core.cluster;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.skynetspring.core.codec.LuaSeri;
import io.skynetspring.core.codec.LuaSeriException;
import io.skynetspring.core.service.Responder;
import reactor.netty.tcp.TcpClient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one outgoing connection to a remote node (skynet's {@code clustersender}): carries this
 * node's requests to it and their replies back. Opened by the first request, reopened by the next
 * one after it breaks (after a back-off when a connect failed). Every waiting call fails at once,
 * naming the node, when the link breaks, the node is marked down or its address changes.
 * Thread-safe: callers write from their own threads, replies are read on the link's event loop.
 */
final class ClusterLink {

    enum State { ABSENT, DOWN, IDLE, CONNECTING, UP, RETRYING, CLOSED }

    /** A call sent and not yet answered. */
    private record Waiting(Responder responder, long startNanos, String command) {
    }

    private final Cluster cluster;
    final String node;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<Integer, Waiting> waiting = new ConcurrentHashMap<>();
    /** Frames held while connecting (or while the node is absent), in order; bounded by maxInFlight. */
    private final ArrayDeque<byte[][]> held = new ArrayDeque<>();
    private long heldBytes;

    // written under this; state and channel also read without it on the fast path
    private volatile State state;
    private String address;
    private volatile Channel channel;
    private long retryAt;
    private Duration backoff;
    private String lastFailure;
    private boolean everConnected;

    final LongAdder calls = new LongAdder();
    final LongAdder pushes = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder lateReplies = new LongAdder();
    final LongAdder latencyCount = new LongAdder();
    final LongAdder latencyTotal = new LongAdder();
    final AtomicLong latencyMax = new AtomicLong();

    ClusterLink(Cluster cluster, String node, String address, boolean down) {
        this.cluster = cluster;
        this.node = node;
        this.address = address;
        this.state = down ? State.DOWN : address == null ? State.ABSENT : State.IDLE;
        this.backoff = cluster.settings().retryMin();
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Sends a call; {@code r} gets the reply, or a ClusterException at once if the link cannot carry it. */
    void call(Object target, byte[] body, Responder r, String command) {
        calls.increment();
        int session = nextSession();
        if (waiting.size() >= cluster.settings().maxInFlight()) {
            errors.increment();
            r.fail(new ClusterException(node, "too many calls in flight (" + waiting.size() + ")"));
            return;
        }
        List<byte[]> frames = ClusterWire.request(target, session, false, body);
        waiting.put(session, new Waiting(r, System.nanoTime(), command));
        String refusal = write(frames.toArray(new byte[0][]), session);
        if (refusal != null) {
            failOne(session, refusal);
        }
    }

    /** Sends a push; false if the link cannot take it now (down, absent without waiting, or failing). */
    boolean push(Object target, byte[] body) {
        pushes.increment();
        int session = body.length >= ClusterWire.PART ? nextSession() : 0;
        List<byte[]> frames = ClusterWire.request(target, session, true, body);
        return write(frames.toArray(new byte[0][]), 0) == null;
    }

    private int nextSession() {
        for (;;) {
            int s = sessions.incrementAndGet() & 0x7FFFFFFF;
            if (s != 0) {
                return s;
            }
        }
    }

    /** Writes, holds or refuses the frames; null when written or held, else why not. */
    private String write(byte[][] frames, int session) {
        Channel ch = channel;
        if (ch != null && state == State.UP && ch.isActive()) {
            send(ch, frames, session);
            return null;
        }
        boolean connect = false;
        synchronized (this) {
            switch (state) {
                case UP -> {
                    if (channel != null && channel.isActive()) {
                        send(channel, frames, session);
                        return null;
                    }
                    state = State.IDLE;
                    connect = true;
                }
                case CLOSED -> {
                    return "the cluster is closed";
                }
                case DOWN -> {
                    return "is marked down";
                }
                case ABSENT -> {
                    if (cluster.noWaiting()) {
                        return "is absent from the node table";
                    }
                    cluster.incidents().warn("cluster.waiting", null, "Waiting for cluster node [{}]", node);
                    return hold(frames);
                }
                case RETRYING -> {
                    long wait = retryAt - System.nanoTime();
                    if (wait > 0) {
                        return "unreachable at " + address + " (" + lastFailure + "); next try in "
                                + Math.max(1, wait / 1_000_000) + " ms";
                    }
                    connect = true;
                }
                case IDLE -> connect = true;
                case CONNECTING -> {
                }
            }
            String held = hold(frames);
            if (held != null) {
                return held;
            }
            if (connect) {
                state = State.CONNECTING;
            }
        }
        if (connect) {
            connect();
        }
        return null;
    }

    private String hold(byte[][] frames) {
        long size = 0;
        for (byte[] f : frames) {
            size += f.length;
        }
        if (held.size() >= cluster.settings().maxInFlight() || heldBytes + size > maxHeldBytes()) {
            return "too many requests waiting for the connection (" + held.size() + ", " + (heldBytes >> 10)
                    + " KiB)";
        }
        held.add(frames);
        heldBytes += size;
        return null;
    }

    /** Requests held for a connection (or for an absent node) take at most this many bytes. */
    private long maxHeldBytes() {
        return Math.max(4L * cluster.settings().maxMessage(), 16L << 20);
    }

    private void clearHeld() {
        held.clear();
        heldBytes = 0;
    }

    private void send(Channel ch, byte[][] frames, int session) {
        long n = 0;
        for (int i = 0; i < frames.length - 1; i++) {
            ch.write(Unpooled.wrappedBuffer(frames[i]), ch.voidPromise());
            n += frames[i].length;
        }
        byte[] last = frames[frames.length - 1];
        n += last.length;
        bytesOut.add(n);
        if (session == 0) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(last), ch.voidPromise());
        } else {
            ch.writeAndFlush(Unpooled.wrappedBuffer(last)).addListener(f -> {
                if (!f.isSuccess()) {
                    failOne(session, "write to " + address + " failed: " + f.cause());
                }
            });
        }
    }

    // ---- connecting ---------------------------------------------------------------------------

    private void connect() {
        String target;
        synchronized (this) {
            target = address;
        }
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon);
        int port = Integer.parseInt(target.substring(colon + 1));
        int millis = (int) Math.min(Integer.MAX_VALUE, cluster.settings().connectTimeout().toMillis());
        boolean secured = cluster.settings().secret() != null && !cluster.settings().plainNodes().contains(node);
        TcpClient.newConnection()
                .host(host)
                .port(port)
                .runOn(cluster.loops())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
                .option(ChannelOption.TCP_NODELAY, true)
                .doOnConnected(c -> {
                    c.channel().pipeline().addFirst("flush", new FlushConsolidationHandler(256, true));
                    c.addHandlerLast("frames", new LengthFieldBasedFrameDecoder(0xFFFF + 2, 0, 2, 0, 2));
                    c.addHandlerLast("replies", new Replies(c.channel(), target, secured));
                    c.channel().config().setAutoRead(true);
                })
                .connect()
                .subscribe(conn -> {
                    if (!secured) {
                        up(conn.channel(), target);
                    }
                }, e -> connectFailed(target, reason(e, millis)));
    }

    private static String reason(Throwable e, int millis) {
        if (e instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + millis + " ms";
        }
        String m = String.valueOf(e.getMessage());
        return m.contains("refused") ? "connection refused" : m;
    }

    private void up(Channel ch, String target) {
        synchronized (this) {
            if (state != State.CONNECTING || !target.equals(address)) {
                ch.close();
                return;
            }
            channel = ch;
            // held frames go first, in order, before any caller sees the link up
            for (byte[][] frames : held) {
                send(ch, frames, 0);
            }
            clearHeld();
            state = State.UP;
            backoff = cluster.settings().retryMin();
            if (everConnected) {
                reconnects.increment();
            }
            everConnected = true;
        }
        ch.closeFuture().addListener(f -> lost(ch, "connection to " + target + " lost"));
    }

    private void connectFailed(String target, String why) {
        synchronized (this) {
            if (!target.equals(address) || state != State.CONNECTING) {
                return;
            }
            lastFailure = why;
            state = State.RETRYING;
            retryAt = System.nanoTime() + backoff.toNanos();
            Duration next = backoff.multipliedBy(2);
            backoff = next.compareTo(cluster.settings().retryMax()) > 0 ? cluster.settings().retryMax() : next;
            clearHeld();
        }
        cluster.incidents().warn("cluster.connect", null, "cluster node [{}]: connect to {} failed: {}", node, target, why);
        failAll("connect to " + target + " failed: " + why);
    }

    /** The connection closed: every waiting call fails now; the next request reconnects. */
    private void lost(Channel ch, String why) {
        synchronized (this) {
            if (channel != ch) {
                return;
            }
            channel = null;
            if (state == State.UP) {
                state = State.IDLE;
            }
        }
        failAll(why);
    }

    // ---- table changes ------------------------------------------------------------------------

    /** A reload gave this node {@code newAddress} (null = absent) or marked it down. */
    void retarget(String newAddress, boolean down) {
        Channel old;
        String why;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            boolean same = !down && newAddress != null && newAddress.equals(address) && state != State.DOWN
                    && state != State.ABSENT;
            if (same) {
                return;
            }
            why = down ? "is marked down" : newAddress == null ? "was removed from the node table"
                    : "moved from " + address + " to " + newAddress;
            old = channel;
            channel = null;
            boolean wasAbsent = state == State.ABSENT;
            address = newAddress;
            state = down ? State.DOWN : newAddress == null ? State.ABSENT : State.IDLE;
            backoff = cluster.settings().retryMin();
            if (wasAbsent && state == State.IDLE && !held.isEmpty()) {
                state = State.CONNECTING;
                why = null;
            } else if (state != State.ABSENT) {
                clearHeld();
            }
        }
        if (old != null) {
            old.close();
        }
        if (why == null) {
            connect();
            return;
        }
        if (old != null || down) {
            failAll(why);
        }
    }

    void close() {
        Channel old;
        synchronized (this) {
            state = State.CLOSED;
            old = channel;
            channel = null;
            clearHeld();
        }
        if (old != null) {
            old.close();
        }
        failAll("the cluster is closed");
    }

    // ---- replies ------------------------------------------------------------------------------

    private void failOne(int session, String why) {
        Waiting w = waiting.remove(session);
        if (w != null) {
            errors.increment();
            answer(w, null, new ClusterException(node, why));
        }
    }

    private void failAll(String why) {
        for (Integer s : List.copyOf(waiting.keySet())) {
            failOne(s, why);
        }
    }

    /** Forgets calls whose callers gave up (deadline passed, service gone); their late replies are dropped. */
    void sweep() {
        waiting.entrySet().removeIf(e -> !e.getValue().responder().isOpen());
    }

    private void reply(ClusterResponse r) {
        Waiting w = waiting.remove(r.session());
        if (w == null) {
            lateReplies.increment();
            return;
        }
        long took = System.nanoTime() - w.startNanos();
        latencyCount.increment();
        latencyTotal.add(took);
        latencyMax.accumulateAndGet(took, Math::max);
        if (!r.ok()) {
            errors.increment();
            answer(w, null, new ClusterException(node, "'" + w.command() + "' failed: " + r.error()));
            return;
        }
        Object value;
        try {
            value = Cluster.single(LuaSeri.unpack(r.body()));
        } catch (LuaSeriException e) {
            errors.increment();
            answer(w, null, new ClusterException(node, "the reply to '" + w.command() + "' is not lua-seri: "
                    + e.getMessage()));
            return;
        }
        answer(w, value, null);
    }

    private void answer(Waiting w, Object value, Throwable error) {
        if (!w.responder().isOpen()) {
            // the caller gave up (deadline, or it ended): the reply is dropped and counted here
            lateReplies.increment();
            return;
        }
        try {
            if (error != null) {
                w.responder().fail(error);
            } else {
                w.responder().reply(value);
            }
        } catch (IllegalStateException alreadyAnswered) {
            lateReplies.increment();
        }
    }

    /** Reads reply frames (and, on a secured link, the handshake first) on the event loop. */
    private final class Replies extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        private final String target;
        private final ResponseAssembler assembler;
        private boolean authenticating;
        private boolean answered;

        Replies(Channel ch, String target, boolean secured) {
            this.ch = ch;
            this.target = target;
            this.authenticating = secured;
            this.assembler = new ResponseAssembler(cluster.settings().maxMessage(), 64);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] payload = ClusterWire.payload(msg);
            bytesIn.add(payload.length + 2L);
            if (authenticating) {
                handshake(payload);
                return;
            }
            ClusterResponse r;
            try {
                r = assembler.accept(payload);
            } catch (ClusterFrameException e) {
                cluster.incidents().warn("cluster.frame", null, "cluster node [{}] at {}: bad reply frame, closing: {}",
                        node, target, e.getMessage());
                ch.close();
                return;
            }
            if (r != null) {
                reply(r);
            }
        }

        private void handshake(byte[] payload) {
            if (!answered) {
                byte[] nonce = Handshake.nonceOf(payload);
                if (nonce == null) {
                    refused("the node did not send the handshake challenge (is it a skynet node? list it in plain nodes)");
                    return;
                }
                answered = true;
                ch.writeAndFlush(Unpooled.wrappedBuffer(Handshake.answer(cluster.settings().secret(), nonce)));
                return;
            }
            if (!Handshake.isOk(payload)) {
                refused("handshake refused");
                return;
            }
            authenticating = false;
            up(ch, target);
        }

        private void refused(String why) {
            ch.close();
            connectFailed(target, why);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (authenticating) {
                connectFailed(target, answered ? "handshake refused (wrong secret?)" : "closed during the handshake");
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            cluster.incidents().warn("cluster.io", null, "cluster node [{}] at {}: {}", node, target, cause.toString());
            ch.close();
        }
    }

    LinkStat stat() {
        String st;
        String addr;
        synchronized (this) {
            st = state.name().toLowerCase(java.util.Locale.ROOT);
            addr = address;
        }
        return new LinkStat(node, "out", addr, st, calls.sum(), pushes.sum(), bytesIn.sum(), bytesOut.sum(),
                errors.sum(), reconnects.sum(), waiting.size(), lateReplies.sum(), latencyCount.sum(),
                latencyTotal.sum(), latencyMax.get());
    }

    @Override
    public String toString() {
        return "ClusterLink[" + node + " " + Arrays.toString(new Object[]{address, state}) + "]";
    }
}

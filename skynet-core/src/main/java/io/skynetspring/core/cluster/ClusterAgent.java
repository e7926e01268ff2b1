package io.skynetspring.core.cluster;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.codec.LuaSeri;
import io.skynetspring.core.codec.LuaSeriException;
import io.skynetspring.core.service.Address;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves one accepted connection (skynet's {@code clusteragent}): each request goes to its target
 * service as a message from outside services; replies go back on this connection, in whatever
 * order they are ready. A frame that breaks the protocol closes this connection only.
 */
final class ClusterAgent extends ChannelInboundHandlerAdapter {

    /** Largest reply bytes queued unsent on one connection before it is closed as not reading. */
    private static final long MAX_UNSENT = 64L << 20;

    private final Cluster cluster;
    private final SkynetRuntime runtime;
    private final Channel ch;
    private final String peer;
    private final RequestAssembler assembler;
    private final AtomicInteger inFlight = new AtomicInteger();
    private byte[] nonce;

    final LongAdder calls = new LongAdder();
    final LongAdder pushes = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder errors = new LongAdder();

    ClusterAgent(Cluster cluster, Channel ch) {
        this.cluster = cluster;
        this.runtime = cluster.runtime();
        this.ch = ch;
        this.peer = String.valueOf(ch.remoteAddress()).replaceFirst("^/", "");
        this.assembler = new RequestAssembler(cluster.settings().maxMessage(), 64);
        if (cluster.settings().secret() != null) {
            nonce = Handshake.nonce();
            ch.writeAndFlush(Unpooled.wrappedBuffer(Handshake.challenge(nonce)));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] payload = ClusterWire.payload(msg);
        bytesIn.add(payload.length + 2L);
        if (nonce != null) {
            if (!Handshake.verify(cluster.settings().secret(), nonce, payload)) {
                cluster.incidents().warn("cluster.auth", null, "cluster connection from {} refused: no valid handshake",
                        peer);
                ch.close();
                return;
            }
            nonce = null;
            ch.writeAndFlush(Unpooled.wrappedBuffer(Handshake.ok()));
            return;
        }
        ClusterRequest r;
        try {
            r = assembler.accept(payload);
        } catch (ClusterFrameException e) {
            cluster.incidents().warn("cluster.frame", null, "cluster connection from {}: bad frame, closing: {}", peer,
                    e.getMessage());
            ch.close();
            return;
        }
        if (r != null) {
            serve(r);
        }
    }

    private void serve(ClusterRequest r) {
        if (r.push()) {
            pushes.increment();
        } else {
            calls.increment();
        }
        if (r.invalid() != null) {
            fail(r, r.invalid());
            return;
        }
        if (r.address() == 0 && r.name() == null) {
            query(r);
            return;
        }
        Address target = resolve(r);
        if (target == null) {
            fail(r, r.name() != null && r.name().startsWith("@") ? "Invalid name"
                    : "call to invalid address " + (r.name() != null ? r.name() : new Address(r.address())));
            return;
        }
        Object[] values;
        try {
            values = LuaSeri.unpack(r.body());
        } catch (LuaSeriException e) {
            fail(r, "call failed: the request is not lua-seri: " + e.getMessage());
            return;
        }
        if (values.length == 0 || !(values[0] instanceof String || values[0] instanceof Long)) {
            fail(r, "call failed: the request's first value must be the command (a string), got "
                    + (values.length == 0 ? "nothing" : values[0] == null ? "nil" : values[0].getClass().getSimpleName()));
            return;
        }
        String command = String.valueOf(values[0]);
        Object[] args = java.util.Arrays.copyOfRange(values, 1, values.length);
        if (r.push()) {
            try {
                if (!runtime.send(target, command, args)) {
                    cluster.incidents().warn("cluster.push.lost", target, "cluster push '{}' from {} not delivered",
                            command, peer);
                }
            } catch (IllegalArgumentException e) {
                cluster.incidents().warn("cluster.push.lost", target, "cluster push '{}' from {} refused: {}", command,
                        peer, e.getMessage());
            }
            return;
        }
        if (inFlight.incrementAndGet() > cluster.settings().maxInFlight()) {
            inFlight.decrementAndGet();
            fail(r, "call failed: too many calls in flight on this connection");
            return;
        }
        runtime.call(target, command, args).map(Optional::of).defaultIfEmpty(Optional.empty()).subscribe(
                v -> {
                    inFlight.decrementAndGet();
                    answer(r, v.orElse(null));
                },
                e -> {
                    inFlight.decrementAndGet();
                    fail(r, "call failed: " + e.getMessage());
                });
    }

    private void answer(ClusterRequest r, Object value) {
        byte[] body;
        try {
            body = LuaSeri.pack(value);
        } catch (LuaSeriException e) {
            cluster.incidents().warn("cluster.reply", null, "reply to cluster call from {} cannot be packed: {}", peer,
                    e.getMessage());
            fail(r, "call failed: the reply cannot be packed: " + e.getMessage());
            return;
        }
        write(ClusterWire.response(r.session(), body));
    }

    private void query(ClusterRequest r) {
        Object[] values;
        try {
            values = LuaSeri.unpack(r.body());
        } catch (LuaSeriException e) {
            fail(r, "name not found");
            return;
        }
        Address a = values.length == 1 && values[0] instanceof String name ? cluster.registeredLive(name) : null;
        if (a == null) {
            fail(r, "name not found");
            return;
        }
        write(ClusterWire.response(r.session(), LuaSeri.pack((long) a.handle())));
    }

    private Address resolve(ClusterRequest r) {
        if (r.name() == null) {
            Address a = new Address(r.address());
            return runtime.alive(a) ? a : null;
        }
        String name = r.name();
        if (name.startsWith("@")) {
            return cluster.registeredLive(name.substring(1));
        }
        Optional<Address> a = runtime.resolve(name);
        return a.orElse(null);
    }

    private void fail(ClusterRequest r, String why) {
        errors.increment();
        if (r.push() || r.session() == 0) {
            cluster.incidents().warn("cluster.push.lost", null, "cluster push from {} dropped: {}", peer, why);
            return;
        }
        write(List.of(ClusterWire.error(r.session(), why)));
    }

    private void write(List<byte[]> frames) {
        if (!ch.isActive()) {
            return;
        }
        if (!ch.isWritable() && ch.unsafe().outboundBuffer() != null
                && ch.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_UNSENT) {
            cluster.incidents().warn("cluster.slow", null, "cluster connection from {} does not read its replies "
                    + "(over {} MiB unsent): closing", peer, MAX_UNSENT >> 20);
            ch.close();
            return;
        }
        long n = 0;
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            n += f.length;
            if (i == frames.size() - 1) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(f), ch.voidPromise());
            } else {
                ch.write(Unpooled.wrappedBuffer(f), ch.voidPromise());
            }
        }
        bytesOut.add(n);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        cluster.incidents().warn("cluster.io", null, "cluster connection from {}: {}", peer, cause.toString());
        ch.close();
    }

    void close() {
        var closing = ch.close();
        if (!ch.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly(2000);
        }
    }

    LinkStat stat() {
        return new LinkStat(peer, "in", peer, ch.isActive() ? "up" : "closed", calls.sum(), pushes.sum(),
                bytesIn.sum(), bytesOut.sum(), errors.sum(), 0, inFlight.get(), 0, 0, 0, 0);
    }
}

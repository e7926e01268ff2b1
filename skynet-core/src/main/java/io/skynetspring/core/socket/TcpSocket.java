package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.WriteBufferWaterMark;
import io.skynetspring.core.service.Address;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The event-loop side of one TCP connection (skynet's C-side socket): its channel, its id, who
 * owns it and where its events go. Reads and writes of its buffers happen on its event loop.
 */
final class TcpSocket implements SocketEntry {

    static final String READER = "skynet.reader";
    static final String WARNING = "skynet.warning";

    final int id;
    final SocketDriver driver;
    final Channel channel;
    final String remote;
    private final String local;
    private final boolean gate;
    /** Largest single write; a gate's frame limit, otherwise unbounded. */
    private final int maxWrite;
    /** A netpack gate's length header (2 or 4 bytes) put before every write; 0 when writes go as they are. */
    private final int header;
    private final AtomicReference<Connection> owner = new AtomicReference<>();
    private volatile Sockets holder;
    private volatile SocketEvents events;
    private volatile boolean closing;
    private volatile boolean closed;
    /** Set by a forced close: what is still in the outbox is released, not written. */
    private volatile boolean dropping;
    /** Bytes handed to the outbox and not yet written to the channel (where Netty counts them). */
    final AtomicLong inOutbox = new AtomicLong();
    private boolean closeReported;
    /** Set while this socket waits for its outbox's flush; event loop only. */
    boolean flushQueued;
    private final Outbox outbox;
    StreamReader reader;
    /** Bytes a gate's frame decoder holds for a frame not yet complete (netstat's unread for a gate client). */
    volatile int framing;
    private SendWarning warning;
    private SendLimit limit;

    TcpSocket(SocketDriver driver, Channel channel, Sockets holder, boolean gate, int maxWrite) {
        this(driver, channel, holder, gate, maxWrite, 0);
    }

    TcpSocket(SocketDriver driver, Channel channel, Sockets holder, boolean gate, int maxWrite, int header) {
        this.id = driver.nextId();
        this.header = header;
        this.driver = driver;
        this.channel = channel;
        this.holder = holder;
        this.gate = gate;
        this.maxWrite = maxWrite;
        this.remote = text(channel.remoteAddress());
        this.local = text(channel.localAddress());
        this.outbox = driver.outbox(channel.eventLoop());
    }

    /** The channel options every skynet connection uses: half-closure for flushing after EOF, the warning's water mark. */
    static void configure(Channel channel, SocketOptions options) {
        channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, Math.max(1, options.warningSize() - 1)));
    }

    /** A plain connection read through {@link Connection}; must run on the channel's event loop. */
    static TcpSocket stream(SocketDriver driver, reactor.netty.Connection c, Sockets holder) {
        Channel ch = c.channel();
        configure(ch, driver.options());
        TcpSocket s = new TcpSocket(driver, ch, holder, false, Integer.MAX_VALUE);
        SocketOptions o = driver.options();
        s.limit = new SendLimit(s, o.sendHigh(), o.sendLow(), o.slowPeer(), o.slowTime(), holder.context().incidents());
        s.warning = new SendWarning(s, driver.options().warningSize());
        s.reader = new StreamReader(s, driver.options());
        c.addHandlerLast(WARNING, s.warning);
        c.addHandlerLast(READER, s.reader);
        return s;
    }

    /**
     * A gate's client; the gate adds its frame decoder and reader; must run on the channel's event loop.
     * {@code header} &gt; 0: every write gets that netpack length header here (see {@link #write(byte[])}).
     */
    static TcpSocket gate(SocketDriver driver, reactor.netty.Connection c, Sockets gate, int maxWrite, int header,
                          GateConf conf) {
        Channel ch = c.channel();
        configure(ch, driver.options());
        TcpSocket s = new TcpSocket(driver, ch, gate, true, maxWrite, header);
        s.limit = new SendLimit(s, conf.sendhigh(), conf.sendlow(), conf.slowpeer(), conf.slowtime(),
                gate.context().incidents());
        s.warning = new SendWarning(s, driver.options().warningSize());
        c.addHandlerLast(WARNING, s.warning);
        return s;
    }

    static Mono<Connection> connect(Sockets sockets, String host, int port) {
        SocketDriver driver = sockets.driver();
        int millis = (int) Math.min(Integer.MAX_VALUE, driver.options().connectTimeout().toMillis());
        return TcpClient.newConnection()
                .host(host)
                .port(port)
                .runOn(driver.loops())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
                .connect()
                .onErrorMap(e -> new SocketException("open " + host + ":" + port + " failed: " + reason(e, millis), e))
                .map(c -> {
                    TcpSocket s = stream(driver, c, sockets);
                    if (!driver.register(s)) {
                        throw new SocketException("open " + host + ":" + port + " failed: the socket driver is closed");
                    }
                    Connection conn = new Connection(s, sockets);
                    s.adopt(sockets, conn);
                    return conn;
                });
    }

    private static String reason(Throwable e, int millis) {
        if (e instanceof ConnectTimeoutException) {
            return "no answer within " + millis + " ms";
        }
        if (e instanceof ConnectException) {
            String m = String.valueOf(e.getMessage());
            return m.contains("refused") ? "Connection refused" : m;
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        return e.toString();
    }

    static String text(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress() == null ? i.getHostString() + ":" + i.getPort()
                    : i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return a == null ? "" : a.toString();
    }

    // ---- ownership --------------------------------------------------------------------------

    /**
     * Makes {@code sockets}' service the owner and starts reading. {@code offered} is reused when it
     * is that service's own not-yet-started handle.
     */
    Connection adopt(Sockets sockets, Connection offered) {
        if (gate) {
            throw new SocketException("connection " + id + " belongs to a gate; use the gate's forward/accept");
        }
        for (;;) {
            Connection current = owner.get();
            if (current != null) {
                if (current.sockets() == sockets) {
                    return current;
                }
                throw new SocketException("start(" + id + ") in service " + sockets.self() + ": connection " + id
                        + " is owned by " + current.sockets().self() + ", which must abandon() it first");
            }
            Connection mine = offered != null && offered.sockets() == sockets && !offered.isAbandoned()
                    ? offered : new Connection(this, sockets);
            if (owner.compareAndSet(null, mine)) {
                holder = sockets;
                events = mine;
                execute(() -> reader.start(mine));
                return mine;
            }
        }
    }

    /** Forgets {@code view} as owner without closing; reading pauses until someone starts it again. */
    void abandon(Connection view) {
        if (owner.compareAndSet(view, null)) {
            holder = null;
            events = null;
            execute(() -> reader.abandon(view));
        }
    }

    Connection owner() {
        return owner.get();
    }

    boolean isGate() {
        return gate;
    }

    void events(SocketEvents target) {
        this.events = target;
    }

    SocketEvents events() {
        return events;
    }

    // ---- writing and closing ----------------------------------------------------------------

    /**
     * Queues {@code data}; false when the connection is closing or closed, or past its high mark under
     * {@link SlowPeer#REFUSE} or {@link SlowPeer#CLOSE}; true but dropped under {@link SlowPeer#DROP}.
     * On a netpack gate the bytes become one frame: the length header and the payload are copied into one
     * direct buffer on the calling thread, so the event loop hands the kernel one buffer per frame.
     */
    boolean write(byte[] data) {
        return write(Unpooled.wrappedBuffer(data));
    }

    /** As {@link #write(byte[])}, for bytes already in a buffer (released here when refused or reframed). */
    boolean write(ByteBuf data) {
        int verdict;
        try {
            verdict = admit(data.readableBytes());
        } catch (RuntimeException e) {
            data.release();
            throw e;
        }
        if (verdict != SendLimit.QUEUE) {
            data.release();
            return verdict == SendLimit.DROPPED;
        }
        queue(header == 0 ? data : framed(data));
        return true;
    }

    /**
     * As {@link #write(ByteBuf)} for a payload written to many connections ({@link Sockets#write(int[], int, byte[])}):
     * once admitted, queues a duplicate of the payload itself, or on a gate of its frame for this header size,
     * built by the first connection that needs it and kept in {@code frames} (by header size) for the others.
     * {@code payload} and the frames stay the caller's to release.
     */
    boolean writeShared(ByteBuf payload, ByteBuf[] frames) {
        int verdict = admit(payload.readableBytes());
        if (verdict != SendLimit.QUEUE) {
            return verdict == SendLimit.DROPPED;
        }
        ByteBuf shared = payload;
        if (header != 0) {
            shared = frames[header];
            if (shared == null) {
                shared = frames[header] = framed(payload.retainedDuplicate());
            }
        }
        queue(shared.retainedDuplicate());
        return true;
    }

    /** {@code payload} behind its netpack length header, both in one direct buffer; {@code payload} is released. */
    private ByteBuf framed(ByteBuf payload) {
        int n = payload.readableBytes();
        ByteBuf frame = channel.alloc().directBuffer(header + n);
        if (header == 2) {
            frame.writeShort(n);
        } else {
            frame.writeInt(n);
        }
        frame.writeBytes(payload);
        payload.release();
        return frame;
    }

    /** {@link SendLimit#QUEUE} when {@code n} bytes may be queued; refused as closed without a limit check. */
    private int admit(int n) {
        if (closing || closed) {
            return SendLimit.REFUSED;
        }
        if (n > maxWrite) {
            throw new IllegalArgumentException("Invalid size (too long) of data: " + n + " bytes; a frame on gate "
                    + "connection " + id + " holds at most " + maxWrite);
        }
        return limit.admit(unsent());
    }

    private void queue(ByteBuf data) {
        inOutbox.addAndGet(data.readableBytes());
        outbox.write(this, data);
    }

    /** True once a forced close began: queued writes are released instead of written. */
    boolean isDropping() {
        return dropping;
    }

    /** skynet's {@code close}: stop reading, send what is queued (for at most the slow time), then close. */
    void closeGracefully() {
        if (closing || closed) {
            return;
        }
        closing = true;
        execute(() -> {
            if (reader != null) {
                reader.stop();
            }
            channel.config().setAutoRead(false);
            // written below the framing handlers, so a gate adds no empty frame; completes after earlier writes
            var below = channel.pipeline().context(WARNING);
            if (below == null) {
                channel.close();
            } else {
                below.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                limit.closeWithin();
            }
        });
    }

    /** skynet's {@code shutdown}: close now, unsent data is dropped. */
    @Override
    public void forceClose() {
        dropping = true;
        closing = true;
        channel.close();
    }

    boolean isOpen() {
        return !closing && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    /** The channel went inactive; runs once on the event loop. */
    void inactive() {
        if (closeReported) {
            return;
        }
        closeReported = true;
        closed = true;
        driver.unregister(this);
        SocketEvents target = events;
        if (target != null) {
            target.closed();
        }
    }

    void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            SocketDriver.LOG.debug("socket {}: event loop stopped, dropped a task", id);
        }
    }

    /** Bytes written and not yet sent: in the outbox, and in Netty's outbound buffer with its bookkeeping. */
    long unsent() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return inOutbox.get() + (out == null ? 0 : out.totalPendingWriteBytes());
    }

    // ---- SocketEntry ------------------------------------------------------------------------

    @Override
    public int id() {
        return id;
    }

    @Override
    public Sockets holder() {
        return holder;
    }

    @Override
    public SocketStat stat() {
        Sockets h = holder;
        return new SocketStat(id, gate ? "gate" : "tcp", h == null ? Address.NONE : h.self(), local, remote,
                reader == null ? framing : reader.unread(), unsent());
    }

    @Override
    public String toString() {
        return "connection " + id + " (" + remote + ")";
    }
}

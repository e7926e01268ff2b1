package io.skynetspring.core.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * skynet's {@code skynet.socket} for one service: listen, accept, connect, UDP. Every callback and
 * every {@code Mono} it hands out runs in this service's mailbox, one at a time, like any other
 * message; call it from the service's own code.
 *
 * <pre>{@code
 * Sockets sockets = Sockets.of(ctx);
 * sockets.listen("127.0.0.1", 8888).subscribe(l -> sockets.start(l, (conn, addr) -> echo(sockets.start(conn))));
 * }</pre>
 */
public final class Sockets {

    private final ServiceContext ctx;
    private final SocketDriver driver;
    private final Address self;

    Sockets(ServiceContext ctx, SocketDriver driver) {
        this.ctx = ctx;
        this.driver = driver;
        this.self = ctx.self();
    }

    /** This service's sockets on its runtime's shared driver. */
    public static Sockets of(ServiceContext ctx) {
        return NodeDrivers.handle(ctx);
    }

    /** This service's sockets on {@code driver}. */
    public static Sockets of(ServiceContext ctx, SocketDriver driver) {
        return driver.handle(ctx);
    }

    /** Binds {@code host:port} (port 0 picks one: see {@link Listener#port()}); accepting waits for {@link #start(Listener, BiConsumer)}. */
    public Mono<Listener> listen(String host, int port) {
        return Listener.bind(this, host, port, 0, null).publishOn(ctx.scheduler());
    }

    /** Starts accepting: {@code onAccept(connection, "ip:port")} runs in this service for each client, which is not read until {@link #start(Connection)}. */
    public void start(Listener listener, BiConsumer<Connection, String> onAccept) {
        listener.start(this, onAccept);
    }

    /**
     * Takes {@code connection} (just accepted, or {@link Connection#abandon() abandoned} by another
     * service) and starts reading it; returns this service's handle on it. Bytes already buffered
     * stay buffered.
     */
    public Connection start(Connection connection) {
        return connection.socket().adopt(this, connection);
    }

    /** {@link #start(Connection)} by socket id, as a connection handed over in a message. */
    public Connection start(int id) {
        SocketEntry e = driver.entry(id);
        if (!(e instanceof TcpSocket s) || s.isGate()) {
            throw new SocketException("start(" + id + ") in service " + self + ": no such connection");
        }
        return s.adopt(this, null);
    }

    /** Connects to {@code host:port}; the connection is started. Fails with a {@link SocketException} naming the address. */
    public Mono<Connection> open(String host, int port) {
        return TcpSocket.connect(this, host, port).publishOn(ctx.scheduler());
    }

    /** {@link #open(String, int)} with {@code "host:port"}. */
    public Mono<Connection> open(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return Mono.error(new SocketException("open(\"" + address + "\"): expected host:port"));
        }
        try {
            return open(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return Mono.error(new SocketException("open(\"" + address + "\"): the port is not a number"));
        }
    }

    /**
     * Writes to any connection by id (an agent writing to a gate's client); never blocks. False if it
     * is gone, or refused past its high mark of unsent bytes, as {@link Connection#write(byte[])}.
     */
    public boolean write(int id, byte[] data) {
        return driver.entry(id) instanceof TcpSocket s && s.write(data);
    }

    /**
     * Writes {@code data} to the connections {@code ids[0]} to {@code ids[count - 1]} (a scene's broadcast):
     * on a gate its frame is built once and shared by all of them rather than copied per connection. Each
     * is admitted, refused or dropped as by {@link #write(int, byte[])}; returns how many were queued.
     * {@code data} is read until the last of them is sent: do not change it.
     */
    public int write(int[] ids, int count, byte[] data) {
        ByteBuf payload = Unpooled.wrappedBuffer(data);
        // by header size: 2 and 4 for netpack gates
        ByteBuf[] frames = new ByteBuf[5];
        int queued = 0;
        try {
            for (int i = 0; i < count; i++) {
                if (driver.entry(ids[i]) instanceof TcpSocket s && s.writeShared(payload, frames)) {
                    queued++;
                }
            }
        } finally {
            payload.release();
            for (ByteBuf f : frames) {
                if (f != null) {
                    f.release();
                }
            }
        }
        return queued;
    }

    public boolean write(int id, String text) {
        return write(id, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes any socket by id after sending what is queued (skynet's {@code close_fd}). */
    public void close(int id) {
        SocketEntry e = driver.entry(id);
        if (e instanceof TcpSocket s) {
            s.closeGracefully();
        } else if (e != null) {
            e.forceClose();
        }
    }

    /** A UDP socket bound to {@code host:port}; {@code handler(data, from)} runs in this service per datagram. */
    public Mono<UdpSocket> udp(BiConsumer<byte[], UdpPeer> handler, String host, int port) {
        return UdpSocket.bind(this, handler, host, port).publishOn(ctx.scheduler());
    }

    /** A UDP socket connected to {@code host:port}; {@link UdpSocket#send(byte[])} writes to it. */
    public Mono<UdpSocket> udpDial(String host, int port, BiConsumer<byte[], UdpPeer> handler) {
        return UdpSocket.dial(this, handler, host, port).publishOn(ctx.scheduler());
    }

    /** Every open socket of the driver. */
    public NetStat netstat() {
        return driver.netstat();
    }

    public SocketDriver driver() {
        return driver;
    }

    public Address self() {
        return self;
    }

    // ---- for the socket kinds ----------------------------------------------------------------

    ServiceContext context() {
        return ctx;
    }

    /** Runs {@code task} in this service's mailbox; dropped if the service has ended. */
    void post(Runnable task) {
        ctx.fork(task);
    }

    boolean alive() {
        return ctx.resolve(self.toString()).isPresent();
    }

    void log(String format, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = self;
        System.arraycopy(args, 0, all, 1, args.length);
        ctx.logger().warn("[{}] " + format, all);
    }
}

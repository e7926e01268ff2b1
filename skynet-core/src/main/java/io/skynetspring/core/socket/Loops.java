package io.skynetspring.core.socket;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A driver's event loops on one {@link SocketTransport}, for Reactor Netty's servers and clients.
 * Made here rather than by Reactor Netty, whose default loops pick their transport themselves (io_uring
 * first where Netty's jars are present, on Java 11+) with Netty's default completion ring.
 */
final class Loops implements LoopResources {

    private final SocketTransport transport;
    private final EventLoopGroup select;
    private final EventLoopGroup workers;
    /** Socket, server socket and datagram channel classes, in that order. */
    private final Class<?>[] channels;

    /** {@code transport} must be resolved (not AUTO). */
    Loops(String prefix, int selectCount, int workerCount, SocketTransport transport) {
        this.transport = transport;
        switch (transport) {
            case IO_URING -> channels = IoUringParts.channels();
            case EPOLL -> channels = new Class<?>[] {EpollSocketChannel.class, EpollServerSocketChannel.class,
                    EpollDatagramChannel.class};
            case NIO -> channels = new Class<?>[] {NioSocketChannel.class, NioServerSocketChannel.class,
                    NioDatagramChannel.class};
            default -> throw new IllegalArgumentException("resolve the transport first: " + transport);
        }
        IoHandlerFactory handlers = transport.ioHandlers();
        this.select = new MultiThreadIoEventLoopGroup(selectCount, new DefaultThreadFactory(prefix + "-select", true),
                handlers);
        this.workers = new MultiThreadIoEventLoopGroup(workerCount, new DefaultThreadFactory(prefix, true), handlers);
    }

    SocketTransport transport() {
        return transport;
    }

    @Override
    public EventLoopGroup onServer(boolean useNative) {
        return workers;
    }

    @Override
    public EventLoopGroup onServerSelect(boolean useNative) {
        return select;
    }

    @Override
    public EventLoopGroup onClient(boolean useNative) {
        return workers;
    }

    @Override
    public <C extends Channel> C onChannel(Class<C> type, EventLoopGroup group) {
        try {
            return onChannelClass(type, group).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + transport + " " + type.getSimpleName(), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C extends Channel> Class<? extends C> onChannelClass(Class<C> type, EventLoopGroup group) {
        int i = type == SocketChannel.class ? 0 : type == ServerSocketChannel.class ? 1 : type == DatagramChannel.class ? 2 : -1;
        if (i < 0) {
            throw new IllegalArgumentException("no " + transport + " channel for " + type.getName());
        }
        return (Class<? extends C>) channels[i];
    }

    @Override
    public boolean isDisposed() {
        return select.isShuttingDown() && workers.isShuttingDown();
    }

    @Override
    public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
        return Mono.defer(() -> {
            long quiet = quietPeriod.toMillis();
            long max = Math.max(quiet, timeout.toMillis());
            Future<?> a = select.shutdownGracefully(quiet, max, TimeUnit.MILLISECONDS);
            Future<?> b = workers.shutdownGracefully(quiet, max, TimeUnit.MILLISECONDS);
            return Mono.<Void>create(sink -> a.addListener(fa -> b.addListener(fb -> sink.success())));
        });
    }
}

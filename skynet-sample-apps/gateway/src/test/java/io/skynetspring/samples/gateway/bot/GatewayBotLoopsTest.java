package io.skynetspring.samples.gateway.bot;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bots on a shared group take its loops in turn, as channels registered on a Netty group do: the load
 * generator's thousands of bots once all landed on one of two loops, and its second core sat idle.
 */
class GatewayBotLoopsTest {

    @Test
    void botsOnATwoLoopNioGroupTakeBothLoopsInTurn() throws Exception {
        assertBotsAlternate(NioIoHandler.newFactory());
    }

    @Test
    void botsOnATwoLoopEpollGroupTakeBothLoopsInTurn() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        assertBotsAlternate(EpollIoHandler.newFactory());
    }

    @Test
    void botsOnATwoLoopIoUringGroupTakeBothLoopsInTurn() throws Exception {
        Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        assertBotsAlternate(IoUringIoHandler.newFactory());
    }

    private static void assertBotsAlternate(IoHandlerFactory io) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io);
        // connects complete against the listen backlog; no one needs to accept or speak
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<GatewayBot> bots = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    bots.add(GatewayBot.connect(group, "127.0.0.1", server.getLocalPort(), new BotListener() { },
                            Duration.ofSeconds(5), GatewayBot.Moves.READ_DIRECT));
                }
                Set<EventLoop> loops = new LinkedHashSet<>();
                for (GatewayBot bot : bots) {
                    loops.add(bot.eventLoop());
                }
                assertThat(loops).hasSize(2);
                for (int i = 1; i < bots.size(); i++) {
                    assertThat(bots.get(i).eventLoop()).as("bot %d's loop against bot %d's", i, i - 1)
                            .isNotSameAs(bots.get(i - 1).eventLoop());
                }
            } finally {
                bots.forEach(GatewayBot::close);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5000);
        }
    }
}

package io.skynetspring.boot.web.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import java.time.Duration;

/**
 * The deadline for a request head, through Reactor Netty's own idle timeout: its handler sits
 * behind the HTTP decoder, so bytes of an unfinished head do not reset it, and a connection that
 * has not completed a head within the timeout (from opening, or from its previous response) is
 * closed. Boot leaves that timeout unset; this sets {@code skynet.http.header-timeout} when
 * {@code server.netty.idle-timeout} is not set, and counts closes of half-sent heads as
 * {@code http.closed.slow}.
 *
 * <pre>{@code new HeadDeadline(Duration.ofSeconds(20), runtime.incidents())   // a NettyServerCustomizer bean}</pre>
 */
public final class HeadDeadline implements NettyServerCustomizer {

    static final String CLOSED_SLOW = "http.closed.slow";

    private final Duration timeout;
    private final IncidentLog incidents;

    /** {@code timeout} null leaves the idle timeout to Boot's {@code server.netty.idle-timeout}. */
    public HeadDeadline(Duration timeout, IncidentLog incidents) {
        this.timeout = timeout;
        this.incidents = incidents;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        HttpServer timed = timeout == null || timeout.isZero() ? server : server.idleTimeout(timeout);
        return timed.doOnChannelInit((observer, channel, remote) -> watch(channel));
    }

    private void watch(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;   // HTTP/2: the idle timeout still closes, but there is no head to watch
        }
        HalfHead state = new HalfHead();
        pipeline.addFirst("skynet.headBytes", state.bytes);
        pipeline.addAfter(NettyPipeline.HttpCodec, "skynet.headDeadline", state.messages);
    }

    /** One connection: have bytes of a request head arrived that the decoder has not yet made a request of? */
    private final class HalfHead {

        private boolean inRequest;
        private boolean partial;
        private boolean cut;

        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!inRequest) {
                    partial = true;
                }
                ctx.fireChannelRead(msg);
            }
        };

        final ChannelDuplexHandler messages = new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (cut && msg instanceof DecoderResultProvider d && d.decoderResult().isFailure()) {
                    // the half-made head the decoder gives up at the close we caused: already counted and
                    // logged once, rate-limited; passed on, Reactor Netty would log it again with its text
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof HttpRequest) {
                    inRequest = true;
                    partial = false;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse r && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    // a WebSocket now: its own idle rules apply
                    ctx.pipeline().remove(bytes);
                    ctx.pipeline().remove(this);
                } else if (msg instanceof LastHttpContent) {
                    inRequest = false;
                }
                ctx.write(msg, promise);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof IdleStateEvent && partial && !inRequest) {
                    cut = true;
                    incidents.warn(CLOSED_SLOW, Address.NONE, "http: {} closed, its request head still incomplete after {}",
                            ctx.channel().remoteAddress(), timeout == null ? "server.netty.idle-timeout" : timeout.toMillis() + " ms");
                }
                ctx.fireUserEventTriggered(evt);
            }
        };
    }
}

package io.skynetspring.boot.web;

import io.skynetspring.boot.web.websocket.WriteLimits;
import io.skynetspring.core.socket.SlowPeer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The HTTP/WebSocket bridge's settings under {@code skynet.http.*}, skynet's {@code http.*} modules
 * as Spring properties.
 *
 * <pre>{@code
 * skynet.http.max-body-size=64KB
 * skynet.http.client.timeout=3s
 * skynet.http.websocket.idle-timeout=60s
 * }</pre>
 */
@ConfigurationProperties("skynet.http")
public class SkynetWebProperties {

    /** Largest request body an @HttpRoute accepts; a larger one is answered 413 (httpd's bodylimit). */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /** Deadline of the call a route makes to its service (504 past it); defaults to skynet.call-timeout. */
    private Duration callTimeout;

    /**
     * A connection must complete each request head within this, counted from its opening or its
     * previous response, or it is closed: Reactor Netty's idle timeout, set to this unless
     * server.netty.idle-timeout is set (which then wins). 0 = none.
     */
    private Duration headerTimeout = Duration.ofSeconds(20);

    private final Client client = new Client();

    private final WebSocket websocket = new WebSocket();

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getHeaderTimeout() {
        return headerTimeout;
    }

    public void setHeaderTimeout(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    public Client getClient() {
        return client;
    }

    public WebSocket getWebsocket() {
        return websocket;
    }

    /** Httpc and the WebSocket client. */
    public static class Client {

        /** Cap on a whole request, connect to last body byte (httpc.timeout). */
        private Duration timeout = Duration.ofSeconds(10);

        /** Cap on establishing the TCP connection. */
        private Duration connectTimeout = Duration.ofSeconds(5);

        /** Largest response body httpc reads into memory. */
        private DataSize maxBodySize = DataSize.ofMegabytes(16);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /** WebSocket endpoints and connections. */
    public static class WebSocket {

        /** Largest frame or joined message; a larger one closes the connection with 1009 (skynet: 256 KiB). */
        private DataSize maxFrameSize = DataSize.ofKilobytes(256);

        /** A server connection that receives nothing (not even a ping) for this long is closed with 1001; 0 = never. */
        private Duration idleTimeout = Duration.ofSeconds(120);

        /**
         * Unsent bytes (queued frames plus the socket's buffer) past which a connection refuses writes:
         * {@code write} returns false and {@code ws.write.refused} is counted. Applies to server and client connections.
         */
        private DataSize highWater = DataSize.ofMegabytes(1);

        /** Writes are accepted again once the unsent bytes have fallen to this. */
        private DataSize lowWater = DataSize.ofKilobytes(256);

        /** What happens to a peer past the high-water mark: refuse its writes, or also close it (1008) when it stays there. */
        private SlowPeer slowPeer = SlowPeer.CLOSE;

        /** Under slow-peer=close, how long a peer may stay above the low-water mark after passing the high one. */
        private Duration slowCloseAfter = Duration.ofSeconds(10);

        /** These settings as the limits each connection enforces. */
        public WriteLimits writeLimits() {
            return new WriteLimits(highWater.toBytes(), lowWater.toBytes(), slowPeer, slowCloseAfter);
        }

        public DataSize getHighWater() {
            return highWater;
        }

        public void setHighWater(DataSize highWater) {
            this.highWater = highWater;
        }

        public DataSize getLowWater() {
            return lowWater;
        }

        public void setLowWater(DataSize lowWater) {
            this.lowWater = lowWater;
        }

        public SlowPeer getSlowPeer() {
            return slowPeer;
        }

        public void setSlowPeer(SlowPeer slowPeer) {
            this.slowPeer = slowPeer;
        }

        public Duration getSlowCloseAfter() {
            return slowCloseAfter;
        }

        public void setSlowCloseAfter(Duration slowCloseAfter) {
            this.slowCloseAfter = slowCloseAfter;
        }

        public DataSize getMaxFrameSize() {
            return maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }
    }
}

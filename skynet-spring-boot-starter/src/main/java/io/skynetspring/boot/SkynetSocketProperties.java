package io.skynetspring.boot;

import io.skynetspring.core.socket.SlowPeer;
import io.skynetspring.core.socket.SocketOptions;
import io.skynetspring.core.socket.SocketTransport;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The runtime's shared socket driver under {@code skynet.sockets.*} (what {@code Sockets.of(ctx)}
 * and the gate use); each unset property keeps {@link SocketOptions#defaults()}.
 *
 * <pre>{@code
 * skynet.sockets.stall-timeout=10s
 * skynet.sockets.send-high=1MB
 * skynet.sockets.slow-peer=refuse
 * skynet.sockets.transport=epoll
 * }</pre>
 */
@ConfigurationProperties("skynet.sockets")
public class SkynetSocketProperties {

    private static final SocketOptions DEFAULTS = SocketOptions.defaults();

    /** Unread bytes buffered per connection before reading pauses. */
    private DataSize readLimit = DataSize.ofBytes(DEFAULTS.readLimit());

    /** Longest line readLine accepts. */
    private DataSize maxLine = DataSize.ofBytes(DEFAULTS.maxLine());

    /** Most bytes readAll collects. */
    private DataSize maxReadAll = DataSize.ofBytes(DEFAULTS.maxReadAll());

    /** Deadline of an outgoing connect. */
    private Duration connectTimeout = DEFAULTS.connectTimeout();

    /** Unsent bytes that first trigger skynet's send-buffer warning (doubles after each). */
    private DataSize warningSize = DataSize.ofBytes(DEFAULTS.warningSize());

    /** Event-loop threads doing the socket I/O. */
    private int loops = DEFAULTS.loops();

    /** A message the peer began (gate frame, line, read(n)) must be complete within this; 0 turns it off. */
    private Duration stallTimeout = DEFAULTS.stallTimeout();

    /** A connection being read that receives nothing for this long is closed; 0 (the default) turns it off. */
    private Duration idleTimeout = DEFAULTS.idleTimeout();

    /** Unsent bytes per connection past which the slow-peer policy applies. */
    private DataSize sendHigh = DataSize.ofBytes(DEFAULTS.sendHigh());

    /** Unsent bytes below which a connection past the high mark takes writes again. */
    private DataSize sendLow = DataSize.ofBytes(DEFAULTS.sendLow());

    /** What happens to writes past the high mark: close the slow peer, refuse or drop the writes. */
    private SlowPeer slowPeer = DEFAULTS.slowPeer();

    /** How long a peer past the high mark may stay above the low mark before CLOSE shuts it. */
    private Duration slowTime = DEFAULTS.slowTime();

    /**
     * The event loops' kernel interface: auto (io_uring where Netty's io_uring jars are on the class path and
     * the kernel allows it, else epoll, else nio), io-uring, epoll or nio.
     */
    private SocketTransport transport = DEFAULTS.transport();

    /** These settings as the core's options. */
    public SocketOptions toOptions() {
        return new SocketOptions(bytes(readLimit), bytes(maxLine), bytes(maxReadAll), connectTimeout, bytes(warningSize),
                loops, stallTimeout, idleTimeout, bytes(sendHigh), bytes(sendLow), slowPeer, slowTime, transport);
    }

    private static int bytes(DataSize size) {
        return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
    }

    public DataSize getReadLimit() {
        return readLimit;
    }

    public void setReadLimit(DataSize readLimit) {
        this.readLimit = readLimit;
    }

    public DataSize getMaxLine() {
        return maxLine;
    }

    public void setMaxLine(DataSize maxLine) {
        this.maxLine = maxLine;
    }

    public DataSize getMaxReadAll() {
        return maxReadAll;
    }

    public void setMaxReadAll(DataSize maxReadAll) {
        this.maxReadAll = maxReadAll;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public DataSize getWarningSize() {
        return warningSize;
    }

    public void setWarningSize(DataSize warningSize) {
        this.warningSize = warningSize;
    }

    public int getLoops() {
        return loops;
    }

    public void setLoops(int loops) {
        this.loops = loops;
    }

    public Duration getStallTimeout() {
        return stallTimeout;
    }

    public void setStallTimeout(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public DataSize getSendHigh() {
        return sendHigh;
    }

    public void setSendHigh(DataSize sendHigh) {
        this.sendHigh = sendHigh;
    }

    public DataSize getSendLow() {
        return sendLow;
    }

    public void setSendLow(DataSize sendLow) {
        this.sendLow = sendLow;
    }

    public SlowPeer getSlowPeer() {
        return slowPeer;
    }

    public void setSlowPeer(SlowPeer slowPeer) {
        this.slowPeer = slowPeer;
    }

    public Duration getSlowTime() {
        return slowTime;
    }

    public void setSlowTime(Duration slowTime) {
        this.slowTime = slowTime;
    }

    public SocketTransport getTransport() {
        return transport;
    }

    public void setTransport(SocketTransport transport) {
        this.transport = transport;
    }
}

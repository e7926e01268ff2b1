package io.skynetspring.samples.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The gateway's settings ({@code gateway.*}): where the TCP gate listens, the game's clock (heartbeat,
 * idle kick), the bounds on what a client may send, and how login tokens are checked.
 *
 * <pre>{@code gateway.port=8888  gateway.heartbeat=6s  gateway.idle-kick=60s  gateway.token-secret=...}</pre>
 */
@ConfigurationProperties("gateway")
public class GatewayProperties {

    /** TCP port of the gate (skynet's example uses 8888; 0 picks a free one). */
    private int port = 8888;

    /** Address the TCP gate binds. */
    private String address = "0.0.0.0";

    /** skynet's {@code maxclient}: at most {@code maxclient - 1} TCP clients at once. */
    private int maxClient = 8192;

    /** Largest packet a client may send (gate frame and sproto dispatch cap), in bytes. */
    private int maxPacket = 4096;

    /** Unsent bytes a client may hold before it is treated as not reading (closed after {@code slow-time}). */
    private int sendHigh = 256 * 1024;

    /** How long a client may stay above {@code send-high} before it is closed. */
    private Duration slowTime = Duration.ofSeconds(5);

    /** Interval of the server's heartbeat push. */
    private Duration heartbeat = Duration.ofSeconds(6);

    /** A connection that sends no request for this long is kicked (checked at every heartbeat). */
    private Duration idleKick = Duration.ofSeconds(60);

    /** Secret of the login tokens: a player's token is HMAC-SHA256(secret, decimal id) in hex. */
    private String tokenSecret = "skynet-gateway-dev-secret";

    /** Logins the node accepts per second, all connections together; past the burst a login is answered "busy". */
    private double loginRate = 500;

    /** Logins accepted at once before {@code login-rate} applies. */
    private int loginBurst = 1000;

    /** Failed logins one connection may make before it is closed. */
    private int maxLoginFailures = 3;

    /** Players one scene holds; a login into a full scene is refused. */
    private int sceneCapacity = 500;

    /**
     * How long a scene gathers moves after the first before it writes them (20 ms): fewer, larger writes for
     * up to that much latency, plus up to one tick of the node's centisecond clock (a scene with moves all the
     * time writes every 30 ms). 0 writes after the mail already queued, so a quiet scene adds no delay.
     */
    private Duration sceneFlush = Duration.ofMillis(20);

    /** Scenes the node runs at most. */
    private int maxScenes = 10_000;

    /** Players the in-process data keeps ({@code gateway.data=in-process}). */
    private int maxStoredPlayers = 100_000;

    /** Keys of the stock example's {@code set}/{@code get} store. */
    private int maxKeys = 10_000;

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getMaxClient() {
        return maxClient;
    }

    public void setMaxClient(int maxClient) {
        this.maxClient = maxClient;
    }

    public int getMaxPacket() {
        return maxPacket;
    }

    public void setMaxPacket(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    public int getSendHigh() {
        return sendHigh;
    }

    public void setSendHigh(int sendHigh) {
        this.sendHigh = sendHigh;
    }

    public Duration getSlowTime() {
        return slowTime;
    }

    public void setSlowTime(Duration slowTime) {
        this.slowTime = slowTime;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public Duration getIdleKick() {
        return idleKick;
    }

    public void setIdleKick(Duration idleKick) {
        this.idleKick = idleKick;
    }

    public String getTokenSecret() {
        return tokenSecret;
    }

    public void setTokenSecret(String tokenSecret) {
        this.tokenSecret = tokenSecret;
    }

    public double getLoginRate() {
        return loginRate;
    }

    public void setLoginRate(double loginRate) {
        this.loginRate = loginRate;
    }

    public int getLoginBurst() {
        return loginBurst;
    }

    public void setLoginBurst(int loginBurst) {
        this.loginBurst = loginBurst;
    }

    public int getMaxLoginFailures() {
        return maxLoginFailures;
    }

    public void setMaxLoginFailures(int maxLoginFailures) {
        this.maxLoginFailures = maxLoginFailures;
    }

    public int getSceneCapacity() {
        return sceneCapacity;
    }

    public void setSceneCapacity(int sceneCapacity) {
        this.sceneCapacity = sceneCapacity;
    }

    public Duration getSceneFlush() {
        return sceneFlush;
    }

    public void setSceneFlush(Duration sceneFlush) {
        this.sceneFlush = sceneFlush;
    }

    public int getMaxScenes() {
        return maxScenes;
    }

    public void setMaxScenes(int maxScenes) {
        this.maxScenes = maxScenes;
    }

    public int getMaxStoredPlayers() {
        return maxStoredPlayers;
    }

    public void setMaxStoredPlayers(int maxStoredPlayers) {
        this.maxStoredPlayers = maxStoredPlayers;
    }

    public int getMaxKeys() {
        return maxKeys;
    }

    public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
    }
}

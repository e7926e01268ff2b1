package io.skynetspring.samples.gateway.bot;

/**
 * What a {@link GatewayBot} hears from the server, called on the bot's event loop thread (keep it short).
 *
 * <pre>{@code GatewayBot.connect("127.0.0.1", 8888, new BotListener() { public void playerMove(long id, long x, long y) {...} })}</pre>
 */
public interface BotListener {

    /** Another player of the scene moved to (or stands at) {@code x, y}. */
    default void playerMove(long id, long x, long y) {
    }

    /** Another player left the scene. */
    default void playerLeave(long id) {
    }

    /** The server's heartbeat; {@code time} is null before login. */
    default void heartbeat(Long time) {
    }

    /** The server is about to close the connection, and why. */
    default void kicked(String reason) {
    }

    /** The connection closed. */
    default void closed() {
    }
}

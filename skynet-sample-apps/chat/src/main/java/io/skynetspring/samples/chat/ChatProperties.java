package io.skynetspring.samples.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chat's limits. A frame larger than {@code skynet.http.websocket.max-frame-size} (4KB in this
 * app) closes the WebSocket with 1009 before any of these apply.
 *
 * <pre>{@code chat.max-text=500  chat.say-rate=5  chat.say-burst=10}</pre>
 */
@ConfigurationProperties("chat")
public class ChatProperties {

    /** Longest text of a {@code say}, in characters (code points); longer is refused as {@code too-long}. */
    private int maxText = 500;

    /** Sustained {@code say}s per second per connection; faster is refused as {@code rate-limited}. */
    private double sayRate = 5;

    /** How many {@code say}s a connection may send at once before the rate applies. */
    private int sayBurst = 10;

    /** Lines each room keeps and sends to a joining user. */
    private int history = 100;

    /** Rooms the node keeps at most; a join that would open one more is refused as {@code bad-room}. */
    private int maxRooms = 1000;

    /**
     * Frames a connection may send while its join is still being answered; they are handled after it.
     * At least the say burst plus 8: a client may see "joined" before this node has the room's answer.
     */
    private int maxWaiting = 32;

    public int getMaxText() {
        return maxText;
    }

    public void setMaxText(int maxText) {
        this.maxText = maxText;
    }

    public double getSayRate() {
        return sayRate;
    }

    public void setSayRate(double sayRate) {
        this.sayRate = sayRate;
    }

    public int getSayBurst() {
        return sayBurst;
    }

    public void setSayBurst(int sayBurst) {
        this.sayBurst = sayBurst;
    }

    public int getHistory() {
        return history;
    }

    public void setHistory(int history) {
        this.history = history;
    }

    public int getMaxRooms() {
        return maxRooms;
    }

    public void setMaxRooms(int maxRooms) {
        this.maxRooms = maxRooms;
    }

    public int getMaxWaiting() {
        return maxWaiting;
    }

    public void setMaxWaiting(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }
}

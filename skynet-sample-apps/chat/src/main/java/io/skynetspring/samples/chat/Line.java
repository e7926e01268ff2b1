package io.skynetspring.samples.chat;

/**
 * One chat line as a room keeps it and sends it in a {@code joined} frame's history.
 *
 * <pre>{@code new Line("alice", "hello", System.currentTimeMillis(), 42)}</pre>
 */
public record Line(String nick, String text, long ts, long seq) {
}

package io.skynetspring.boot.console.web;

import java.util.List;

/**
 * One service in a {@link ConsoleSnapshot}.
 *
 * <pre>{@code snapshot.services().get(0).rate()   // messages/s of the busiest service}</pre>
 *
 * @param address       {@code :0000000a}
 * @param template      the template it was made from
 * @param names         its names
 * @param mailbox       queued messages now
 * @param messages      messages handled so far
 * @param rate          messages per second over the interval before the snapshot (0 in the first one)
 * @param handlerMillis time spent in its handlers so far, milliseconds (needs {@code skynet.profile})
 * @param load          share of the interval spent in its handlers, 0 to 1 (needs {@code skynet.profile})
 * @param errors        failures of its code: commands that threw, failed async replies, tasks, timers, init
 * @param refused       messages its bounded mailbox refused
 * @param dropped       sends dropped to make room in its mailbox
 * @param pendingCalls  its calls waiting for a reply
 * @param openReplies   requests it took over and has not answered yet
 * @param sockets       sockets of the node's socket drivers it holds (listeners, TCP, gate clients, UDP)
 */
public record ServiceRow(String address, String template, List<String> names, int mailbox, long messages, double rate,
                         double handlerMillis, double load, long errors, long refused, long dropped, int pendingCalls,
                         int openReplies, long sockets) {
}

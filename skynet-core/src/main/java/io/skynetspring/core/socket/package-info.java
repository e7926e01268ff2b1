/**
 * skynet's sockets ({@code skynet.socket}, {@code gateserver}) on Reactor Netty.
 *
 * <p>{@link io.skynetspring.core.socket.Sockets} is one service's handle; every socket event —
 * an accept, a completed read, a close, a send-buffer warning, a datagram — is a task in that
 * service's mailbox, in the order the event loop saw it, and every {@code Mono} it hands out
 * completes there. The I/O state of a connection (its receive buffer, its pending reads, its
 * owner) lives on the connection's event loop, like skynet's C-side socket; services only post
 * requests to it. That is what makes {@code abandon}/{@code start} lossless: the buffer never
 * belonged to a service.
 *
 * <pre>{@code
 * Sockets sockets = Sockets.of(ctx);
 * sockets.listen("0.0.0.0", 8888).subscribe(l -> sockets.start(l, (conn, addr) -> serve(sockets.start(conn))));
 * }</pre>
 *
 * <p>Choices where skynet or the brief left room:
 * <ul>
 *   <li><b>Drivers.</b> {@code Sockets.of(ctx)} uses one {@link io.skynetspring.core.socket.SocketDriver}
 *       per runtime, a node resource ({@code ctx.nodeResource}) closed with the runtime, event loops
 *       included. The driver checks every 200 ms which of its services are still alive (by
 *       resolving their addresses) and closes the sockets of those that ended.
 *       {@code SocketDriver.start(options)} makes one the caller closes.</li>
 *   <li><b>Ids</b> are per driver, counting from 1, never OS descriptors.</li>
 *   <li><b>Reads after the peer closed</b> complete empty; the bytes a {@code read(n)} or
 *       {@code readLine} could not use are in {@code Connection.rest()} (skynet's {@code false, rest}).
 *       {@code readAll} completes with everything, possibly zero bytes. A read that reports the end
 *       closes the connection after the owner's turn, so replies written to a half-closed peer
 *       still go out; a service that never reads again must {@code close()} itself.</li>
 *   <li><b>close</b> is skynet's close (stop reading, flush, close), but a peer that has not taken
 *       the rest {@code slowTime} after it is shut (skynet waits for ever); <b>shutdown</b> closes at once.</li>
 *   <li><b>Limits.</b> Reading pauses past {@code readLimit} unread bytes (128 KiB) unless a read
 *       needs more; a line over {@code maxLine} fails the read and the stream (its bytes are
 *       dropped, later reads fail) and is logged with the service address; {@code readAll} is
 *       bounded by {@code maxReadAll}.</li>
 *   <li><b>Inbound timeouts.</b> A message the peer began — a gate frame, the line a {@code readLine}
 *       waits for, the bytes of a {@code read(n)} — must be complete within the stall timeout
 *       ({@code SocketOptions.stallTimeout}, gate conf {@code stalltimeout}; 30 s, on by default),
 *       counted from the first byte a reader waited on, so a dribble is cut like a stall. A connection
 *       being read that hears nothing for the idle timeout ({@code idleTimeout}/{@code idletimeout};
 *       off by default) is closed too. Either closes at once: pending reads fail with a
 *       {@code SocketException} giving the reason, the buffer is released, and it is counted
 *       ({@code socket.closed.stalled}, {@code gate.closed.stalled}, {@code socket.closed.idle},
 *       {@code gate.closed.idle}) with a rate-limited line naming the service and the peer. Bytes no
 *       read asked for are never judged, and a pause between messages is not a stall.</li>
 *   <li><b>Read timeouts.</b> {@code read(n, timeout)} and {@code readLine([sep,] timeout)} fail in
 *       the service with a {@code ReadTimeoutException}; the read is withdrawn as if never asked, the
 *       connection stays open and the bytes received stay buffered for the next read. Their timer
 *       runs on the connection's event loop, which serves the reads: a read is served or timed out,
 *       never both. Reactor's {@code timeout} operator would fail on a {@code parallel} thread.</li>
 *   <li><b>onClose</b> runs when the connection is closed (not at the peer's EOF, which the reads
 *       report); <b>warning</b> follows skynet: 1 MiB, each doubling, 0 when drained.</li>
 *   <li><b>Gate.</b> Events reach the watchdog as {@code "socket"} commands, frames reach agents as
 *       {@code "client"} commands with the gate as source (the core cannot forge a source), sent
 *       from the event loop straight into the agent's mailbox. The connection that brings the
 *       count to {@code maxclient} is refused and not counted (skynet leaves it counted, which
 *       shrinks the limit after each refusal). A refusal is counted ({@code gate.refused}) and logged
 *       at most {@code IncidentLog}'s burst a minute. {@code forward}/{@code accept} of a client that
 *       has already left (or a wrong id) answer {@code false} with a counted, rate-limited line
 *       ({@code gate.forward.gone}), not an error: a client leaving before its agent starts is
 *       ordinary. A client closed for a bad frame is counted as {@code gate.closed.error}.</li>
 *   <li><b>Outbound bounds.</b> Each connection counts its unsent bytes (the outbox's and Netty's,
 *       {@code SocketStat.unsent}). Past {@code sendHigh} (4 MiB) nothing more is queued until they
 *       are below {@code sendLow} (1 MiB); {@link io.skynetspring.core.socket.SlowPeer} says what a
 *       write gets meanwhile: {@code CLOSE} (default) and {@code REFUSE} return false, {@code DROP}
 *       returns true and discards. Under {@code CLOSE} a peer still above the low mark
 *       {@code slowTime} (5 s) after passing the high mark is shut, unsent data dropped, with one
 *       line. Counted: {@code socket.write.refused}, {@code socket.write.dropped},
 *       {@code socket.closed.slow}; under {@code REFUSE}/{@code DROP} the first refusal or drop of each
 *       episode is logged, rate-limited (under {@code CLOSE} the close is the line).
 *       So a client that never reads costs at most the high mark plus one write (a gate frame, or
 *       whatever one {@code write} passes), plus what the kernel buffers. A gate takes the marks from
 *       its conf ({@code sendhigh}, {@code sendlow}, {@code slowpeer}, {@code slowtime} in centiseconds or a {@code Duration}), by
 *       default from its driver. A forced close ({@code shutdown}, a slow peer, the driver closing)
 *       releases what is still queued at once; a peer that resets with writes queued gives the
 *       watchdog one {@code "error"} and one {@code "close"}, and a close of ours no error.</li>
 * </ul>
 */
package io.skynetspring.core.socket;

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
 *   <li><b>Transport</b> ({@link io.skynetspring.core.socket.SocketTransport}, {@code skynet.sockets.transport}).
 *       A driver makes its event loops itself: {@code AUTO} takes Linux's io_uring where Netty's
 *       io_uring jars are on the class path (an application adds them; the core has them as optional)
 *       and the kernel allows it, else epoll, else NIO; {@code -Dskynet.sockets.transport} overrules
 *       {@code AUTO} for the whole JVM. io_uring batches a loop's reads and writes into one system call:
 *       the gateway sample used about a quarter less CPU per player than on epoll. Netty's multishot
 *       POLLIN stays off ({@code SocketTransport.prepareNetty()}): with it a peer's close that arrived
 *       while a read was queued could go unseen. Every socket test runs on both.</li>
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
 *       watchdog one {@code "error"} and one {@code "close"} (as does a peer that closes while writes
 *       queued for it then fail: io_uring can show a reset as the end of input), and a close of ours
 *       no error.</li>
 *   <li><b>Connection pool</b> ({@link io.skynetspring.core.socket.ConnectionPool}, seed 4.4). A pool
 *       is opened by a service ({@code ConnectionPool.open(Sockets.of(ctx), host, port, options)})
 *       and it and its connections belong to that service, like any connection it opened: use it
 *       there; other services reach the backend by calling that service. Its rules:
 *       <ul>
 *         <li>It keeps {@code size} connections (default 4), opened at once. {@code checkout()}
 *             lends an idle one to one caller (least recently returned first, so use goes round
 *             the pool), or waits, in order, for a {@code release} or a reconnect. At most
 *             {@code maxWaiters} (256) wait; the next is refused at once. A checkout not served
 *             within {@code checkoutTimeout} (3 s) fails with a {@code SocketException} naming the
 *             backend and the service, how many connections are checked out or reconnecting, and the
 *             last connect error when none is open. Refusals and timeouts are incidents
 *             {@code pool.checkout.refused} and {@code pool.checkout.timeout}.</li>
 *         <li>{@code use(exchange)} is checkout + exchange + return: the connection is released
 *             when the exchange completes (empty or not) and discarded when it fails, is
 *             cancelled or runs past {@code exchangeTimeout} (5 s, on the node's timer; the caller
 *             gets a {@code SocketException} naming the pool, the connection and the limit, incident
 *             {@code pool.exchange.timeout}), because its stream may stand in the middle of a reply
 *             that the next borrower would read. So a hung backend cannot keep the connections. A
 *             connection taken with {@code checkout()} has no such deadline: its borrower must
 *             {@code release} it, or {@code discard} it after a failed read or write.</li>
 *         <li>A connection leaves the pool ("taken out", incident {@code pool.connection.lost})
 *             when it closes, when its peer shuts its side while it is idle (seen without reading,
 *             by a handler in front of the reader), when it comes back closed, half-closed or
 *             abandoned, when it is {@code discard}ed, and when it fails a probe. A lent
 *             connection whose peer shut its side stays with its borrower, who may still be
 *             reading the last bytes, and leaves at its return. A connection taken out is closed
 *             and its place reconnects; the loss of one that had served is logged at INFO (a
 *             backend restart is ordinary), an early death at WARN with the pause. While the node
 *             shuts down nothing reconnects or logs.</li>
 *         <li>Reconnecting: a place whose connection had proven itself (served a checkout, passed
 *             a probe, or stayed open at least {@code backoffMax}) reconnects at once. A failed
 *             connect, or the drop of a connection that had not proven itself, lengthens the
 *             place's failure streak and the place waits {@code backoffMin * 2^(streak-1)} (100 ms
 *             doubling) up to {@code backoffMax} (10 s), less up to {@code jitter} (20 %) at
 *             random, on the node's timer ({@code ctx.timeout}); a proven connection resets the
 *             streak. So a backend that refuses, or accepts and closes at once, gets at most one
 *             attempt per place per pause. Failed connects are incident {@code pool.connect.failed}.</li>
 *         <li>{@code probe(every, check)} runs {@code check} on each idle connection every
 *             {@code every}; one that fails, completes empty or takes over {@code probeTimeout}
 *             (2 s) is taken out (incident {@code pool.probe.failed}). No probe by default.</li>
 *         <li>{@code stat()} gives the counts (idle, busy, connecting, retrying, waiting and the
 *             totals of checkouts, checkout and exchange timeouts, refusals, connects, failed
 *             connects, reconnects, connections lost, failed probes, the last pause); the incidents
 *             above are also the Micrometer counter {@code skynet.incidents{kind}}.
 *             {@code close()} closes every connection and fails the waiters; a service that ends
 *             takes its pool's connections with it, as it does its other sockets.</li>
 *       </ul></li>
 * </ul>
 */
package io.skynetspring.core.socket;

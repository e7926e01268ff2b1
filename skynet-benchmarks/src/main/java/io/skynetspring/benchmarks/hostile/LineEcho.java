package io.skynetspring.benchmarks.hostile;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.Connection;
import io.skynetspring.core.socket.Sockets;
import reactor.core.publisher.Mono;

/** A raw TCP server that writes each line back, as the seed's echo example. */
@SkynetService("line-echo")
public class LineEcho {

    private final Sockets sockets;

    public LineEcho(ServiceContext ctx) {
        this.sockets = Sockets.of(ctx);
    }

    @Command
    public Mono<Integer> listen(int port) {
        return sockets.listen("127.0.0.1", port).map(l -> {
            sockets.start(l, (conn, addr) -> serve(sockets.start(conn)));
            return l.port();
        });
    }

    private void serve(Connection conn) {
        conn.readLine()
                .switchIfEmpty(Mono.fromRunnable(conn::close))   // the peer closed
                .subscribe(line -> {
                    conn.write(line + "\n");
                    serve(conn);
                }, e -> conn.close());
    }
}

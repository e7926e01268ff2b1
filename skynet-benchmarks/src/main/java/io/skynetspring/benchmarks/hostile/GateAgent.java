package io.skynetspring.benchmarks.hostile;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.Sockets;

/** Writes every gate frame back to its client. */
@SkynetService("gate-agent")
public class GateAgent {

    private final Sockets sockets;

    public GateAgent(ServiceContext ctx) {
        this.sockets = Sockets.of(ctx);
    }

    @Command
    public void client(int fd, byte[] frame) {
        sockets.write(fd, frame);
    }
}

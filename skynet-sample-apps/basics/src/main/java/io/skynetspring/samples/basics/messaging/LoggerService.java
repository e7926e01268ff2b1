package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Seed 2.1, the asynchronous log service: callers {@code send} and never wait. It keeps the last
 * lines so that a client can see what arrived, in order.
 *
 * <pre>{@code skynet.send(".logger", "info", "system started");}</pre>
 */
@SkynetService("logger")
public class LoggerService {

    private static final int KEEP = 100;

    private final ServiceContext ctx;
    private final Deque<String> recent = new ArrayDeque<>();

    public LoggerService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command
    public void info(String text) {
        ctx.logger().info("[{}] INFO {}", ctx.self(), text);
        keep("INFO " + text);
    }

    @Command
    public void debug(String text) {
        ctx.logger().debug("[{}] DEBUG {}", ctx.self(), text);
        keep("DEBUG " + text);
    }

    @Command
    public void error(String text) {
        ctx.logger().error("[{}] ERROR {}", ctx.self(), text);
        keep("ERROR " + text);
    }

    /** The last lines received, oldest first. */
    @Command
    public List<String> recent() {
        return List.copyOf(recent);
    }

    private void keep(String line) {
        if (recent.size() == KEEP) {
            recent.removeFirst();
        }
        recent.addLast(line);
    }
}

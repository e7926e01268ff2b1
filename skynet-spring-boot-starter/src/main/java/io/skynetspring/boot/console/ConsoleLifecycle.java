package io.skynetspring.boot.console;

import io.skynetspring.boot.SkynetLifecycle;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.console.DebugConsole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Runs the debug console while the node runs: opened after the bootstrap services have started,
 * closed before the runtime drains.
 *
 * <pre>{@code context.getBean(ConsoleLifecycle.class).port()   // where to point nc}</pre>
 */
public class ConsoleLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLifecycle.class);

    private final SkynetRuntime runtime;
    private final SkynetConsoleProperties properties;
    private volatile DebugConsole console;

    public ConsoleLifecycle(SkynetRuntime runtime, SkynetConsoleProperties properties) {
        this.runtime = runtime;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!isLoopback(properties.getHost())) {
            log.warn("skynet: the debug console listens on {}, not loopback: anyone who reaches it can kill services",
                    properties.getHost());
        }
        console = DebugConsole.start(runtime, properties.getHost(), properties.getPort());
    }

    @Override
    public void stop() {
        DebugConsole c = console;
        console = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public boolean isRunning() {
        return console != null;
    }

    /** The port the console listens on; -1 while it is not running. */
    public int port() {
        DebugConsole c = console;
        return c == null ? -1 : c.port();
    }

    @Override
    public int getPhase() {
        return SkynetLifecycle.PHASE + 1;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

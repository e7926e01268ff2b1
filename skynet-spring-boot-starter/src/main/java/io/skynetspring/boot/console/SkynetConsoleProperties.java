package io.skynetspring.boot.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * skynet's debug console under {@code skynet.console.*}: off unless enabled, on loopback unless a
 * host is configured, on an ephemeral port (logged) unless a port is.
 *
 * <pre>{@code
 * skynet.console.enabled=true
 * skynet.console.port=8000
 * }</pre>
 */
@ConfigurationProperties("skynet.console")
public class SkynetConsoleProperties {

    /** Whether to start the debug console (it can kill services and has no authentication). */
    private boolean enabled = false;

    /** Address to listen on; anything but loopback exposes the console to the network. */
    private String host = "127.0.0.1";

    /** Port to listen on; 0 picks a free one, logged at startup. */
    private int port = 0;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }
}

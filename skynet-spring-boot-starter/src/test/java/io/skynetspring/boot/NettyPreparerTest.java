package io.skynetspring.boot;

import io.skynetspring.core.socket.SocketTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** An application's start turns Netty's multishot POLLIN off before any bean, unless the JVM's options set it. */
class NettyPreparerTest {

    private final String before = System.getProperty(SocketTransport.NETTY_MULTISHOT_POLL);

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SocketTransport.NETTY_MULTISHOT_POLL);
        } else {
            System.setProperty(SocketTransport.NETTY_MULTISHOT_POLL, before);
        }
    }

    private void start() {
        new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run().close();
    }

    @Test
    void theStartSetsItOff() {
        System.clearProperty(SocketTransport.NETTY_MULTISHOT_POLL);
        start();
        assertThat(System.getProperty(SocketTransport.NETTY_MULTISHOT_POLL)).isEqualTo("false");
    }

    @Test
    void aValueFromTheJvmsOptionsIsKept() {
        System.setProperty(SocketTransport.NETTY_MULTISHOT_POLL, "true");
        start();
        assertThat(System.getProperty(SocketTransport.NETTY_MULTISHOT_POLL)).isEqualTo("true");
    }
}

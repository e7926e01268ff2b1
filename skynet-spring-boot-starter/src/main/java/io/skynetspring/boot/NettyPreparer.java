package io.skynetspring.boot;

import io.skynetspring.core.socket.SocketTransport;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets Netty's io_uring options the socket driver relies on ({@link SocketTransport#prepareNetty()})
 * before any bean is made: a Redis client may load Netty's io_uring first, and Netty reads them once.
 */
class NettyPreparer implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SocketTransport.prepareNetty();
    }
}

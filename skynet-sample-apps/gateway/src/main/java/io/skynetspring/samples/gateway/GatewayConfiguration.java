package io.skynetspring.samples.gateway;

import io.skynetspring.core.service.ServiceTemplate;
import io.skynetspring.core.socket.Gate;
import io.skynetspring.samples.gateway.login.LoginTokens;
import io.skynetspring.samples.gateway.protocol.GameProtocol;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** skynet-core's gate as the {@code gate} template, and the shared protocol and token checker. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    ServiceTemplate gate() {
        return Gate.template();
    }

    @Bean
    GameProtocol gameProtocol(GatewayProperties properties) {
        return new GameProtocol(properties.getMaxPacket());
    }

    @Bean
    LoginTokens loginTokens(GatewayProperties properties) {
        return new LoginTokens(properties.getTokenSecret());
    }
}

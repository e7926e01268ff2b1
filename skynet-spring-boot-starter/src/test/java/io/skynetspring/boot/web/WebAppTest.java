package io.skynetspring.boot.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** {@link WebTestApp} on a random port with small limits; every class using it shares one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = WebTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "skynet.workers=2",
        "skynet.http.max-body-size=1KB",
        "skynet.http.call-timeout=500ms",
        "skynet.http.websocket.max-frame-size=64KB",
        "skynet.http.header-timeout=2s",
        "skynet.http.websocket.idle-timeout=3s",
        "skynet.http.websocket.high-water=256KB",
        "skynet.http.websocket.low-water=64KB",
        "skynet.http.websocket.slow-close-after=1s",
})
@AutoConfigureWebTestClient
@interface WebAppTest {
}

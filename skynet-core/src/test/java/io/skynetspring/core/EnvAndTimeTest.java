package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvAndTimeTest extends RuntimeFixture {

    @Test
    void setenvAddsKeysAndRefusesToOverwrite() {
        rt.template("config", ctx -> (cmd, args) -> {
            ctx.setenv("db_host", "127.0.0.1");
            ctx.setenv("db_port", "3306");
            return ctx.getenv("db_host") + ":" + ctx.getenv("db_port");
        });
        Address c = rt.newService("config").block(WAIT);

        assertThat(rt.call(c, "setup").block(WAIT)).isEqualTo("127.0.0.1:3306");
        assertThat(rt.getenv("db_port")).isEqualTo("3306");
        assertThat(rt.getenv("missing")).isNull();
        assertThatThrownBy(() -> rt.call(c, "setup").block(WAIT))
                .hasMessageContaining("Can't setenv exist key : db_host");
        assertThatThrownBy(() -> rt.setenv("db_host", "10.0.0.1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Can't setenv exist key : db_host");
    }

    @Test
    void nowCountsCentisecondsFromStart() {
        long now = rt.now();
        assertThat(now).isGreaterThanOrEqualTo(0);
        assertThat(rt.time()).isGreaterThanOrEqualTo(rt.starttime());
    }
}

package io.skynetspring.core;

import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Before Java 21 there are no virtual threads: a sequential template is refused when it is registered. */
@EnabledForJreRange(max = JRE.JAVA_20)
class SequentialOnJava17Test extends RuntimeFixture {

    @Test
    void aSequentialTemplateIsRefusedNamingTheJavaVersionAndTheWayOut() {
        assertThatThrownBy(() -> rt.template("pool", ServiceTemplate.sequential(ctx -> (c, a) -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("service template 'pool' is sequential: its handlers run on virtual threads, "
                        + "which need Java 21 or later, but this JVM is Java " + Runtime.version())
                .hasMessageContaining("write the service in the Mono style");
    }
}

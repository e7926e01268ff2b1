package io.skynetspring.boot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Declarations that cannot work fail the application's startup with a message saying what to change. */
class StartupErrorsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class))
            .withPropertyValues("skynet.workers=1");

    @SkynetService("chat")
    static class Chat {
    }

    @SkynetService("chat")
    static class OtherChat {
    }

    @SkynetService("twice")
    static class Twice {
        @Command("go")
        public void a() {
        }

        @Command("go")
        public void b() {
        }
    }

    @SkynetService("badexit")
    static class BadExit {
        @Exit
        public void bye(String why) {
        }
    }

    @Test
    void twoTemplatesWithOneName() {
        runner.withBean("chatA", Chat.class).withBean("chatB", OtherChat.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("two @SkynetService classes define the service template 'chat'")
                .hasMessageContaining(Chat.class.getName()).hasMessageContaining(OtherChat.class.getName()));
    }

    @Test
    void twoCommandsWithOneName() {
        runner.withBean(Twice.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("has two @Command methods named 'go'"));
    }

    @Test
    void anExitWithParameters() {
        runner.withBean(BadExit.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("@Exit method " + BadExit.class.getName() + ".bye must take no parameters"));
    }

    @Test
    void aBootstrapServiceWithoutTemplate() {
        runner.withPropertyValues("skynet.bootstrap[0].name=nosuch").run(context -> assertThat(context).getFailure().cause()
                .hasMessageContaining("skynet.bootstrap[0]: could not start service 'nosuch'")
                .hasMessageContaining("no service template named 'nosuch'"));
    }
}

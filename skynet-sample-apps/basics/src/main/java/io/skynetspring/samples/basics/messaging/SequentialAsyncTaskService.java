package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

/**
 * Seed 2.3, deferred response, as the Lua is: {@code async_task} takes over its reply and a forked
 * task sleeps, then answers; meanwhile the service keeps handling other messages. Side by side with
 * {@link AsyncTaskService}.
 *
 * <pre>{@code skynet.call(tasks, "async_task", 100).block()   // 338350, half a second later}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "asynctask-seq", sequential = true)
public class SequentialAsyncTaskService {

    private final ServiceContext ctx;

    public SequentialAsyncTaskService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("async_task")
    public void asyncTask(long n) {
        Responder resp = ctx.response();
        ctx.fork(() -> {
            ctx.await(ctx.sleep(AsyncTaskService.DELAY_CENTISECONDS));
            resp.reply(AsyncTaskService.heavyComputation(n));
        });
    }

    @Command
    public String ping() {
        return "pong";
    }
}

package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;

/**
 * Seed 2.3, deferred response: {@code async_task} takes over its reply and returns at once; a
 * forked task answers later. Meanwhile the service keeps handling other messages.
 *
 * <pre>{@code skynet.call(tasks, "async_task", 100).block()   // 338350, half a second later}</pre>
 */
@SkynetService("asynctask")
public class AsyncTaskService {

    /** The Lua sleeps 100 cs (1 s); half of it keeps the example quick with the same shape. */
    public static final long DELAY_CENTISECONDS = 50;

    private final ServiceContext ctx;

    public AsyncTaskService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("async_task")
    public void asyncTask(long n) {
        Responder resp = ctx.response();
        ctx.forkAsync(() -> ctx.sleep(DELAY_CENTISECONDS).doOnSuccess(x -> resp.reply(heavyComputation(n))));
    }

    @Command
    public String ping() {
        return "pong";
    }

    /** Sum of the squares 1..n. */
    static long heavyComputation(long n) {
        return n * (n + 1) * (2 * n + 1) / 6;
    }
}

package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;

/**
 * Seed 2.2, {@code safe_call}: a call with a deadline built from skynet's own pieces. The reply is
 * taken over with {@code response()}; a forked task sleeps for the timeout and a call runs at the
 * same time; whichever finishes first answers, the other finds {@code isOpen()} false.
 * (The runtime's {@code skynet.withTimeout(...)} does the same in one line.)
 *
 * <pre>{@code skynet.call(safecall, "safe_call", ".data", "get_data", 500, "key1")}</pre>
 */
@SkynetService("safecall")
public class SafeCallService {

    private final ServiceContext ctx;

    public SafeCallService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("safe_call")
    public void safeCall(String service, String command, long timeoutCentiseconds, Object... args) {
        Responder response = ctx.response();
        long start = ctx.now();

        ctx.forkAsync(() -> ctx.sleep(timeoutCentiseconds).doOnSuccess(x -> {
            if (response.isOpen()) {
                ctx.log("call timeout:", command, "took", (ctx.now() - start) / 100.0, "s");
                response.fail("timeout");
            }
        }));

        ctx.call(service, command, args).subscribe(
                result -> {
                    if (response.isOpen()) {
                        response.reply(result);
                    }
                },
                error -> {
                    if (response.isOpen()) {
                        response.fail(error);
                    }
                },
                () -> {
                    if (response.isOpen()) {
                        response.reply(null);
                    }
                });
    }
}

package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

/**
 * Seed 2.2, {@code safe_call}, written as the Lua is: a forked task sleeps for the timeout while
 * the handler waits for the call; whichever finishes first answers. Side by side with
 * {@link SafeCallService}, the same example in the Mono style.
 *
 * <pre>{@code skynet.call(safecall, "safe_call", ".data", "get_data", 500, "key1")}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "safecall-seq", sequential = true)
public class SequentialSafeCallService {

    private final ServiceContext ctx;

    public SequentialSafeCallService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("safe_call")
    public void safeCall(String service, String command, long timeoutCentiseconds, Object... args) {
        Responder response = ctx.response();
        long start = ctx.now();

        ctx.fork(() -> {
            ctx.await(ctx.sleep(timeoutCentiseconds));
            if (response.isOpen()) {
                ctx.log("call timeout:", command, "took", (ctx.now() - start) / 100.0, "s");
                response.fail("timeout");
            }
        });

        try {
            Object result = ctx.await(ctx.call(service, command, args));
            if (response.isOpen()) {
                response.reply(result);
            }
        } catch (RuntimeException error) {
            if (response.isOpen()) {
                response.fail(error);
            }
        }
    }
}

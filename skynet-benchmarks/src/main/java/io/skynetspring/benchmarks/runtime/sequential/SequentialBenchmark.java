package io.skynetspring.benchmarks.runtime.sequential;

import io.skynetspring.benchmarks.runtime.Finish;
import io.skynetspring.benchmarks.runtime.Sizes;
import io.skynetspring.benchmarks.runtime.Tally;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * Sequential handlers (Java 21+) against the Mono style, in one run: a service making 100,000
 * calls one after another ({@code ctx.callBlocking} in a loop against {@code concatMap} of
 * {@code ctx.call}), and a ping-pong of sends between two services whose handlers run on strands
 * or on the workers; and the Mono style again on a node whose workers are virtual threads, as they
 * are once a node has a sequential template. {@code java -jar benchmarks.jar SequentialBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SequentialBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ROUND = Duration.ofMinutes(2);

    /** mono-virtual: the Mono style on a node whose workers went virtual (it has a sequential template). */
    @Param({"mono", "sequential", "mono-virtual"})
    public String style;

    private final Finish finish = new Finish();
    private SkynetRuntime rt;
    private Address caller;
    private Address echo;
    private Address paddleA;
    private Tally paddleATally;
    private Tally paddleBTally;

    @Setup(Level.Trial)
    public void start() {
        boolean sequential = style.equals("sequential");
        rt = SkynetRuntime.start(NodeSettings.defaults());
        rt.template("echo", ctx -> (command, args) -> args[0]);
        if (style.equals("mono-virtual")) {
            rt.template("unused", ServiceTemplate.sequential(ctx -> (command, args) -> null));
        }
        if (sequential) {
            rt.template("caller", ServiceTemplate.sequential(ctx -> (command, args) -> {
                int n = (Integer) args[0];
                Address target = (Address) args[1];
                long replies = 0;
                for (int i = 0; i < n; i++) {
                    if (ctx.callBlocking(target, "echo", PAYLOAD) != null) {
                        replies++;
                    }
                }
                return replies;
            }));
            rt.template("paddle", ServiceTemplate.sequential(Paddle::new));
        } else {
            rt.template("caller", ctx -> (command, args) -> {
                int n = (Integer) args[0];
                Address target = (Address) args[1];
                return Flux.range(0, n).concatMap(i -> ctx.call(target, "echo", PAYLOAD)).count();
            });
            rt.template("paddle", Paddle::new);
        }
        echo = rt.newService("echo").block(WAIT);
        caller = rt.newService("caller").block(WAIT);
        paddleBTally = new Tally(finish, Sizes.PING_PONGS / 2);
        Address paddleB = rt.newService("paddle", paddleBTally).block(WAIT);
        paddleATally = Tally.endless();
        paddleA = rt.newService("paddle", paddleATally, paddleB).block(WAIT);
    }

    @TearDown(Level.Trial)
    public void stop() {
        rt.shutdown(WAIT);
    }

    /** One outside call to a service that makes 100,000 calls to another, one after another. */
    @Benchmark
    @OperationsPerInvocation(Sizes.CALLS)
    public long callRoundTrip() {
        return rt.withTimeout(ROUND).call(caller, "run", Long.class, Sizes.CALLS, echo).block(ROUND);
    }

    /** A ball sent back and forth between two services, a million times. */
    @Benchmark
    @OperationsPerInvocation(Sizes.PING_PONGS)
    public long pingPong() throws Exception {
        long before = paddleATally.received() + paddleBTally.received();
        finish.arm(1);
        rt.send(paddleA, "ball", PAYLOAD);
        finish.await("ping-pong");
        return paddleATally.received() + paddleBTally.received() - before;
    }

    /** Serves to its peer (or back to the sender) until its tally ends the round. */
    private static final class Paddle implements ServiceHandler {
        private final ServiceContext ctx;
        private Tally tally;
        private Address peer;

        Paddle(ServiceContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Object init(Object[] args) {
            tally = (Tally) args[0];
            peer = args.length > 1 ? (Address) args[1] : null;
            return null;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            if (!tally.hit()) {
                ctx.send(peer != null ? peer : ctx.source(), "ball", PAYLOAD);
            }
            return null;
        }
    }
}

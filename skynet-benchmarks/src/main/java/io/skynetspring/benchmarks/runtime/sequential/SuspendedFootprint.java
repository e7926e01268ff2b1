package io.skynetspring.benchmarks.runtime.sequential;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceTemplate;
import reactor.core.publisher.Flux;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Heap retained per waiting handler: N sends spread over 1,000 services, each handler waiting on
 * {@code ctx.wait(token)}, as a sequential handler ({@code ctx.await}) or as a Mono-style one
 * (returning the wait's Mono). {@code java -cp benchmarks.jar ...SuspendedFootprint sequential 100000}
 */
public final class SuspendedFootprint {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SERVICES = 1_000;

    private SuspendedFootprint() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SuspendedFootprint mono|sequential N");
            System.exit(2);
        }
        boolean sequential = args[0].equals("sequential");
        int n = Integer.parseInt(args[1].replace("_", ""));
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger resumed = new AtomicInteger();
        try (SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults())) {
            ServiceTemplate plain = ctx -> (command, a) -> {
                if (command.equals("wake")) {
                    for (Object token : (List<?>) a[0]) {
                        ctx.wakeup(token);
                    }
                    return null;
                }
                waiting.incrementAndGet();
                return ctx.wait(a[0]).doOnSuccess(x -> resumed.incrementAndGet());
            };
            ServiceTemplate strands = ServiceTemplate.sequential(ctx -> (command, a) -> {
                if (command.equals("wake")) {
                    for (Object token : (List<?>) a[0]) {
                        ctx.wakeup(token);
                    }
                    return null;
                }
                waiting.incrementAndGet();
                ctx.await(ctx.wait(a[0]));
                resumed.incrementAndGet();
                return null;
            });
            rt.template("parker", sequential ? strands : plain);
            List<Address> services = Flux.range(0, SERVICES).concatMap(i -> rt.newService("parker"))
                    .collectList().block(WAIT);
            park(rt, services, 0, n / 10, waiting);
            wake(rt, services, 0, n / 10, resumed);
            long before = usedAfterGc();
            park(rt, services, 0, n, waiting);
            long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "%s: %,d waiting handlers over %,d services, %,.0f B retained each%n",
                    args[0], n, SERVICES, (double) (after - before) / n);
            wake(rt, services, 0, n, resumed);
        }
    }

    private static void park(SkynetRuntime rt, List<Address> services, int from, int n, AtomicInteger waiting)
            throws InterruptedException {
        int target = waiting.get() + n;
        for (int i = from; i < from + n; i++) {
            rt.send(services.get(i % services.size()), "park", i / services.size());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (waiting.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void wake(SkynetRuntime rt, List<Address> services, int from, int n, AtomicInteger resumed)
            throws InterruptedException {
        int target = resumed.get() + n;
        List<Integer> tokens = java.util.stream.IntStream.range(0, (n + services.size() - 1) / services.size())
                .boxed().toList();
        for (Address a : services) {
            rt.send(a, "wake", tokens);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (resumed.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Seed 3.2, a pool of worker coroutines, as the Lua is: each worker is a forked loop that takes a
 * task or {@code wait}s on its own token; {@code submit} queues a task and wakes an idle worker, and
 * the task's callback answers the caller. Side by side with {@link WorkerPoolService}.
 *
 * <pre>{@code skynet.call(pool, "submit", TaskResult.class, "add", 10, 20).block()   // ok, 30}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "workpool-seq", sequential = true)
public class SequentialWorkerPoolService {

    private record Task(long id, String operation, long a, long b, Responder callback) {
    }

    private final ServiceContext ctx;
    private final Deque<Task> workQueue = new ArrayDeque<>();
    private final Deque<Integer> idle = new ArrayDeque<>();
    private Object[] tokens = new Object[0];
    private long nextTask;

    public SequentialWorkerPoolService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start(int size) {
        tokens = new Object[size + 1];
        for (int id = 1; id <= size; id++) {
            int worker = id;
            tokens[worker] = new Object();
            ctx.fork(() -> work(worker));
        }
        ctx.log("worker pool of", size, "started");
    }

    private void work(int worker) {
        while (true) {
            Task task = workQueue.pollFirst();
            if (task == null) {
                idle.addLast(worker);
                ctx.await(ctx.wait(tokens[worker]));
                continue;
            }
            ctx.await(ctx.sleep(WorkerPoolService.WORK_CENTISECONDS));
            TaskResult result;
            try {
                result = new TaskResult(task.id(), worker, true, WorkerPoolService.apply(task.operation(), task.a(), task.b()));
            } catch (RuntimeException e) {
                result = new TaskResult(task.id(), worker, false, String.valueOf(e.getMessage()));
            }
            task.callback().reply(result);
        }
    }

    @Command
    public void submit(String operation, long a, long b) {
        workQueue.addLast(new Task(++nextTask, operation, a, b, ctx.response()));
        Integer worker = idle.pollFirst();
        if (worker != null) {
            ctx.wakeup(tokens[worker]);
        }
    }
}

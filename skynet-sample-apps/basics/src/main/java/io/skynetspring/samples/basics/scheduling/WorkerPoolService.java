package io.skynetspring.samples.basics.scheduling;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Seed 3.2, a pool of worker coroutines inside one service: each worker takes a task from the work
 * queue or {@code wait}s on its own token; {@code submit} queues a task and {@code wakeup}s an idle
 * worker. The callback of a task answers the caller, so {@code submit} replies with the task's result.
 * Unlike the Lua, a worker woken with an empty queue waits again instead of ending.
 *
 * <pre>{@code skynet.call(pool, "submit", TaskResult.class, "add", 10, 20).block()   // ok, 30}</pre>
 */
@SkynetService("workpool")
public class WorkerPoolService {

    /** How long a task "works" before it computes; lets the other workers pick up tasks meanwhile. */
    static final long WORK_CENTISECONDS = 5;

    private record Task(long id, Callable<Object> func, Consumer<TaskResult> callback) {
    }

    private final ServiceContext ctx;
    private final Deque<Task> workQueue = new ArrayDeque<>();
    private final Deque<Integer> idle = new ArrayDeque<>();
    private Object[] tokens = new Object[0];
    private long nextTask;

    public WorkerPoolService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start(int size) {
        tokens = new Object[size + 1];
        for (int id = 1; id <= size; id++) {
            createWorker(id);
        }
        ctx.log("worker pool of", size, "started");
    }

    private void createWorker(int id) {
        tokens[id] = new Object();
        ctx.forkAsync(() -> Mono.defer(() -> step(id)).repeat().then());
    }

    /** One turn of a worker's loop: run the next task, or wait until submit wakes this worker. */
    private Mono<Void> step(int worker) {
        Task task = workQueue.pollFirst();
        if (task == null) {
            idle.addLast(worker);
            return ctx.wait(tokens[worker]);
        }
        return ctx.sleep(WORK_CENTISECONDS)
                .then(Mono.fromCallable(task.func()))
                .map(result -> new TaskResult(task.id(), worker, true, result))
                .onErrorResume(e -> Mono.just(new TaskResult(task.id(), worker, false, String.valueOf(e.getMessage()))))
                .doOnNext(task.callback())
                .then();
    }

    @Command
    public void submit(String operation, long a, long b) {
        Responder callback = ctx.response();
        workQueue.addLast(new Task(++nextTask, () -> apply(operation, a, b), callback::reply));
        Integer worker = idle.pollFirst();
        if (worker != null) {
            ctx.wakeup(tokens[worker]);
        }
    }

    static Object apply(String operation, long a, long b) {
        return switch (operation) {
            case "add" -> a + b;
            case "mul" -> a * b;
            case "div" -> a / b;
            default -> throw new IllegalArgumentException("unknown operation '" + operation + "'");
        };
    }
}

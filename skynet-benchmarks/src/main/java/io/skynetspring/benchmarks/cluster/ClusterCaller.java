package io.skynetspring.benchmarks.cluster;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A skynet-spring service that, once sent {@code start}, makes one {@code cluster.call} to the remote
 * {@code "@echo"} at a time, from inside the service (so every reply is handled in its own mailbox),
 * until its {@link CallBook} stops calling.
 */
final class ClusterCaller implements ServiceHandler {

    static final String NODE = "server";
    static final String ECHO = "@echo";
    // After an error (the node unreachable, say) the next call waits a little instead of spinning.
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(10);

    private final ServiceContext ctx;
    private final Cluster cluster;
    private final CallBook book;
    private final Payload payload;

    ClusterCaller(ServiceContext ctx, Cluster cluster, CallBook book, Payload payload) {
        this.ctx = ctx;
        this.cluster = cluster;
        this.book = book;
        this.payload = payload;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        if (!command.equals("start")) {
            throw new IllegalArgumentException("unknown command " + command + "; a cluster caller knows start");
        }
        next();
        return null;
    }

    private void next() {
        if (!book.calling()) {
            return;
        }
        long id = book.issue();
        if (id < 0) {
            return;
        }
        long start = System.nanoTime();
        cluster.call(NODE, ECHO, "echo", id, payload.value())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .subscribe(reply -> {
                    record(id, reply.orElse(null), System.nanoTime() - start);
                    next();
                }, error -> {
                    book.failed(id, error);
                    ctx.timeout(PAUSE_AFTER_ERROR, this::next);
                });
    }

    private void record(long id, Object reply, long nanos) {
        if (reply instanceof List<?> echoed && echoed.size() == 2 && echoed.get(0) instanceof Number replyId) {
            book.answered(id, replyId.longValue(), payload.sameAs(echoed.get(1)), nanos);
        } else {
            book.answered(id, -1, false, nanos);
        }
    }
}

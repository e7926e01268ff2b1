package io.skynetspring.core.service;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link BatchRequest}: calls sent together, replies merged in completion order, cut at the deadline. */
final class BatchCalls implements BatchRequest {

    private record Entry(String targetText, ServiceCell target, String command, Object[] args) {
    }

    private final Node node;
    private final ServiceCell caller;
    private final Skynet clock;
    private final List<Entry> entries = new ArrayList<>();
    private final List<PendingCall> outstanding = new ArrayList<>();
    private volatile boolean timedOut;

    /** The scheduling side of the caller: a service's own sleep, or a plain timer outside services. */
    private interface Skynet {
        Mono<Void> deadline(Duration d);
    }

    BatchCalls(Node node, ServiceCell caller, SkynetView view) {
        this.node = node;
        this.caller = caller;
        this.clock = d -> caller == null ? Mono.delay(d).then() : caller.context.sleep(d);
    }

    @Override
    public BatchRequest add(Address target, String command, Object... args) {
        entries.add(new Entry(String.valueOf(target), target == null ? null : node.cell(target), command, args));
        return this;
    }

    @Override
    public BatchRequest add(String target, String command, Object... args) {
        entries.add(new Entry(target, node.resolve(target), command, args));
        return this;
    }

    @Override
    public Flux<BatchReply> select(Duration timeout) {
        return Flux.defer(() -> {
            timedOut = false;
            List<BatchReply> invalid = new ArrayList<>();
            List<Mono<BatchReply>> calls = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                int index = i;
                if (e.target() == null || e.target().state == ServiceCell.DEAD) {
                    invalid.add(new BatchReply(index, e.targetText(), e.command(), null,
                            Node.invalidTarget(e.targetText(), e.command())));
                    continue;
                }
                // the select deadline abandons the call; its own timer is only a backstop
                PendingCall p = node.startCall(caller, e.target(), e.command(), e.args(), timeout.plusSeconds(1));
                synchronized (outstanding) {
                    outstanding.add(p);
                }
                calls.add(p.mono()
                        .map(v -> new BatchReply(index, e.targetText(), e.command(), v, null))
                        .defaultIfEmpty(new BatchReply(index, e.targetText(), e.command(), null, null))
                        .onErrorResume(err -> Mono.just(new BatchReply(index, e.targetText(), e.command(), null, err)))
                        .doOnNext(r -> forget(p)));
            }
            Mono<Void> deadline = clock.deadline(timeout).doOnSuccess(x -> timedOut = !isEmpty());
            return Flux.concat(Flux.fromIterable(invalid), Flux.merge(calls).takeUntilOther(deadline))
                    .doFinally(signal -> close());
        });
    }

    private void forget(PendingCall p) {
        synchronized (outstanding) {
            outstanding.remove(p);
        }
    }

    private boolean isEmpty() {
        synchronized (outstanding) {
            return outstanding.isEmpty();
        }
    }

    @Override
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public void close() {
        List<PendingCall> rest;
        synchronized (outstanding) {
            rest = new ArrayList<>(outstanding);
            outstanding.clear();
        }
        for (PendingCall p : rest) {
            node.abandon(caller, p);
        }
    }
}

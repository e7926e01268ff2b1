package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 100 services, 1,000,000 sends from 4 senders: nothing lost, per-sender order kept, counters exact. */
class StressTest extends RuntimeFixture {

    private static final int SERVICES = 100;
    private static final int SENDERS = 4;
    private static final int MESSAGES = 1_000_000;

    /** Counts messages and checks that each sender's sequence numbers arrive without gaps or reordering. */
    static final class Counter implements ServiceHandler {
        private final long[] lastSeq = new long[SENDERS];
        private long count;
        private final ConcurrentLinkedQueue<String> violations;

        Counter(ConcurrentLinkedQueue<String> violations) {
            this.violations = violations;
            java.util.Arrays.fill(lastSeq, -1);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            if (command.equals("count")) {
                return count;
            }
            int sender = (Integer) args[0];
            long seq = (Long) args[1];
            if (seq != lastSeq[sender] + 1) {
                violations.add("sender " + sender + " expected " + (lastSeq[sender] + 1) + " got " + seq);
            }
            lastSeq[sender] = seq;
            count++;
            return null;
        }
    }

    @Test
    void aMillionMessagesFromFourSenders() throws Exception {
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        rt.template("counter", ctx -> new Counter(violations));
        List<Address> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            services.add(rt.newService("counter").block(WAIT));
        }

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            sent.add(senders.submit(() -> {
                long[] seq = new long[SERVICES];
                int accepted = 0;
                for (int i = 0; i < MESSAGES / SENDERS; i++) {
                    int target = i % SERVICES;
                    if (rt.send(services.get(target), "inc", sender, seq[target]++)) {
                        accepted++;
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : sent) {
            accepted += f.get();
        }
        senders.shutdown();

        assertThat(accepted).isEqualTo(MESSAGES);
        long total = 0;
        for (Address a : services) {
            long c = (Long) rt.withTimeout(java.time.Duration.ofSeconds(60)).call(a, "count").block();
            assertThat(c).as("count of %s", a).isEqualTo(MESSAGES / SERVICES);
            total += c;
        }
        assertThat(total).isEqualTo(MESSAGES);
        assertThat(violations).isEmpty();
    }
}

package io.skynetspring.boot.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;

/** No cluster name of its own: the tests give it one with skynet.cluster.register.ledger. */
@SkynetService("ledger")
public class Ledger {

    private long total;

    @Command
    public long add(long amount) {
        total += amount;
        return total;
    }
}

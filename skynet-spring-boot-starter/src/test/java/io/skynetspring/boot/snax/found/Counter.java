package io.skynetspring.boot.snax.found;

import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Accept;
import io.skynetspring.core.snax.Response;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxService;

/** A snax service with injected beans, its own context and the snax module; its total is its state. */
@SnaxService("counter")
public class Counter {

    private final Greeting greeting;
    private final ServiceContext ctx;
    private final Snax snax;
    private long total;

    public Counter(Greeting greeting, ServiceContext ctx, Snax snax) {
        this.greeting = greeting;
        this.ctx = ctx;
        this.snax = snax;
    }

    @Accept
    public void add(long n) {
        total += n;
    }

    @Response
    public long total() {
        return total;
    }

    @Response
    public String greet(String who) {
        return greeting.text() + ", " + who;
    }

    @Response
    public String whoami() {
        return snax.self(ctx).toString();
    }
}

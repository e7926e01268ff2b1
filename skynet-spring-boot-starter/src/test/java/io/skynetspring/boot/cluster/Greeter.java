package io.skynetspring.boot.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;

/** Registered under its cluster name by the annotation. */
@SkynetService(value = "greeter", clusterName = "greeter")
public class Greeter {

    private final ServiceContext ctx;

    public Greeter(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command
    public String hello(String who) {
        return "hello " + who + " from " + ctx.self();
    }

    @Command
    public void quit() {
        ctx.exit();
    }
}

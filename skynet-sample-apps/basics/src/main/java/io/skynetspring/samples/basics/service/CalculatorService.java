package io.skynetspring.samples.basics.service;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;

/**
 * Seed 1.1, calculator.lua. Division by zero is an error reply (the caller's call fails with
 * {@code ServiceException} "division by zero") rather than Lua's {@code {error=...}} table: a Java
 * caller expects a failed computation to fail, and the error carries the service and command.
 *
 * <pre>{@code skynet.call(calc, "add", Long.class, 10, 20).block()   // 30}</pre>
 */
@SkynetService("calculator")
public class CalculatorService {

    private final ServiceContext ctx;

    public CalculatorService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start() {
        ctx.log("calculator service started");
    }

    @Command
    public long add(long a, long b) {
        return a + b;
    }

    @Command
    public long sub(long a, long b) {
        return a - b;
    }

    @Command
    public long mul(long a, long b) {
        return a * b;
    }

    /** Lua's {@code /} always gives a float, so this takes and returns doubles. */
    @Command
    public double div(double a, double b) {
        if (b == 0) {
            throw new ServiceException("division by zero");
        }
        return a / b;
    }
}

package io.skynetspring.core.service;

import reactor.core.publisher.Sinks;

import io.skynetspring.core.timer.TimerWheel;

/** A sleeper or waiter parked on a token; resumed by wakeup (true) or by its timer (false). */
final class Waiter {

    final Sinks.One<Boolean> sink = Sinks.one();
    volatile TimerWheel.Alarm timer;

    void resume(boolean byWakeup) {
        cancel();
        sink.tryEmitValue(byWakeup);
    }

    void cancel() {
        TimerWheel.Alarm t = timer;
        if (t != null) {
            t.cancel();
        }
    }
}

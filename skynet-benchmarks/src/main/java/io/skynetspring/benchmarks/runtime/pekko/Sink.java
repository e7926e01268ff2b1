package io.skynetspring.benchmarks.runtime.pekko;

import io.skynetspring.benchmarks.runtime.Tally;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Counts what it is told. */
final class Sink {

    private Sink() {
    }

    static Behavior<Integer> create(Tally tally) {
        return Behaviors.receiveMessage(message -> {
            tally.hit();
            return Behaviors.same();
        });
    }
}

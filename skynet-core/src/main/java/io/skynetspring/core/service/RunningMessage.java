package io.skynetspring.core.service;

import java.time.Duration;

/**
 * A message a worker is inside right now, as the endless-loop monitor sees it.
 *
 * <pre>{@code runtime.running().stream().filter(r -> r.elapsed().toSeconds() > 5)}</pre>
 *
 * @param worker      the worker thread's name
 * @param source      the sender, {@link Address#NONE} for code outside services and runtime messages
 * @param destination the service handling it
 * @param template    the destination's template
 * @param what        the command, or the kind of message for replies and tasks ({@code "(task)"})
 * @param elapsed     how long it has run: exact while profiling, otherwise since the monitor first saw it
 * @param version     the worker's message counter (skynet's monitor version)
 */
public record RunningMessage(String worker, Address source, Address destination, String template, String what,
                             Duration elapsed, long version) {
}

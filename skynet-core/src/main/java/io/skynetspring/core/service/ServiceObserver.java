package io.skynetspring.core.service;

/**
 * Told when the runtime starts counting something new, so a metrics binder can register a meter
 * for it once instead of looking counters up per message. Callbacks run on the thread that met the
 * new thing (often a worker): keep them short and never block.
 *
 * <pre>{@code runtime.observe(new ServiceObserver() { public void commandAdded(TemplateStats t, CommandStats c) { ... } });}</pre>
 */
public interface ServiceObserver {

    /** A template was registered; also replayed for every known template when the observer is added. */
    default void templateAdded(TemplateStats template) {
    }

    /** A command of {@code template} was timed for the first time; also replayed on registration. */
    default void commandAdded(TemplateStats template, CommandStats command) {
    }
}

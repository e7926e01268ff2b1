package io.skynetspring.boot.snax.found;

/** A bean the snax services of the tests inject. */
public record Greeting(String text) {
}

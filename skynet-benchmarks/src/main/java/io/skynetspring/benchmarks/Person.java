package io.skynetspring.benchmarks;

/** The seed's {@code .Person { name 0 : string  id 1 : integer  email 2 : string }}. */
public record Person(String name, long id, String email) {
}

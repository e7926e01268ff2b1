package io.skynetspring.benchmarks;

import java.util.List;

/** The seed's {@code .AddressBook { persons 0 : *Person }}, shared by both codecs. */
public record AddressBook(List<Person> persons) {
}

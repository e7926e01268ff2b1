package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One parsed Sproto used from several threads at once, record bindings built under contention. */
class SharedSprotoTest {

    @Test
    void concurrentEncodeAndDecodeOnAFreshSprotoAgree() throws Exception {
        Sproto sp = Sproto.parse(RecordBindingTest.ADDRESS_BOOK);
        RecordBindingTest.AddressBook book = new RecordBindingTest.AddressBook(List.of(
                new RecordBindingTest.Person("Alice", 1001, "alice@example.com"),
                new RecordBindingTest.Person("Bob", 70000, null)));
        byte[] expected = Sproto.parse(RecordBindingTest.ADDRESS_BOOK).encode(book);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    int agreed = 0;
                    for (int i = 0; i < 500; i++) {
                        byte[] bytes = sp.encode(book);
                        if (java.util.Arrays.equals(bytes, expected)
                                && sp.decode(RecordBindingTest.AddressBook.class, bytes).equals(book)) {
                            agreed++;
                        }
                    }
                    return agreed;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

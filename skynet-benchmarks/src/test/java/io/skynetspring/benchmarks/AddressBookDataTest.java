package io.skynetspring.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The benchmarks measure real work only if both codecs give back the book they were given. */
class AddressBookDataTest {

    @Test
    void bothCodecsRoundTripTheBenchmarkState() throws IOException {
        AddressBookData data = new AddressBookData();
        data.setUp();
        SprotoBenchmark bench = new SprotoBenchmark();
        assertThat(data.book.persons()).hasSize(10);
        assertThat(bench.sprotoRoundTrip(data)).isEqualTo(data.book);
        assertThat(bench.sprotoPackedRoundTrip(data)).isEqualTo(data.book);
        assertThat(bench.sprotoDecode(data)).isEqualTo(data.book);
        assertThat(bench.msgpackRoundTrip(data)).isEqualTo(data.book);
        assertThat(bench.msgpackDecode(data)).isEqualTo(data.book);
    }
}

package io.skynetspring.benchmarks;

import io.skynetspring.sproto.ZeroPack;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * sproto against Jackson + MessagePack on the seed's AddressBook (10 persons), both binding the
 * same records. {@code java -jar skynet-benchmarks/target/benchmarks.jar Sproto -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SprotoBenchmark {

    @Benchmark
    public byte[] sprotoEncode(AddressBookData data) {
        return data.sproto.encode(data.book);
    }

    @Benchmark
    public AddressBook sprotoDecode(AddressBookData data) {
        return data.sproto.decode(AddressBook.class, data.sprotoBytes);
    }

    @Benchmark
    public AddressBook sprotoRoundTrip(AddressBookData data) {
        return data.sproto.decode(AddressBook.class, data.sproto.encode(data.book));
    }

    @Benchmark
    public AddressBook sprotoPackedRoundTrip(AddressBookData data) {
        byte[] packed = ZeroPack.pack(data.sproto.encode(data.book));
        return data.sproto.decode(AddressBook.class, ZeroPack.unpack(packed));
    }

    @Benchmark
    public byte[] msgpackEncode(AddressBookData data) throws IOException {
        return data.msgpack.writeValueAsBytes(data.book);
    }

    @Benchmark
    public AddressBook msgpackDecode(AddressBookData data) throws IOException {
        return data.msgpack.readValue(data.msgpackBytes, AddressBook.class);
    }

    @Benchmark
    public AddressBook msgpackRoundTrip(AddressBookData data) throws IOException {
        return data.msgpack.readValue(data.msgpack.writeValueAsBytes(data.book), AddressBook.class);
    }
}

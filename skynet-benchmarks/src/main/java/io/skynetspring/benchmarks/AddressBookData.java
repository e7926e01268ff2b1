package io.skynetspring.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skynetspring.sproto.Sproto;
import io.skynetspring.sproto.ZeroPack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The seed's AddressBook with 10 persons, already encoded by both codecs. */
@State(Scope.Thread)
public class AddressBookData {

    static final String SCHEMA = """
            .Person {
                name 0 : string
                id 1 : integer
                email 2 : string
            }
            .AddressBook {
                persons 0 : *Person
            }
            """;

    Sproto sproto;
    ObjectMapper msgpack;
    AddressBook book;
    byte[] sprotoBytes;
    byte[] sprotoPacked;
    byte[] msgpackBytes;

    @Setup
    public void setUp() {
        sproto = Sproto.parse(SCHEMA);
        msgpack = new ObjectMapper(new MessagePackFactory());
        List<Person> persons = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            persons.add(new Person("Person " + i, 1001 + i * 7919L, "person" + i + "@example.com"));
        }
        book = new AddressBook(List.copyOf(persons));
        sprotoBytes = sproto.encode(book);
        sprotoPacked = ZeroPack.pack(sprotoBytes);
        try {
            msgpackBytes = msgpack.writeValueAsBytes(book);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

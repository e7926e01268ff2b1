package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed binding: records whose component names are the field names. */
class RecordBindingTest {

    static final String ADDRESS_BOOK = """
            .Person {
                name 0 : string
                id 1 : integer
                email 2 : string
            }
            .AddressBook {
                persons 0 : *Person
            }
            """;

    record Person(String name, long id, String email) {
    }

    record AddressBook(List<Person> persons) {
    }

    private final Sproto book = Sproto.parse(ADDRESS_BOOK);
    private final Sproto item = Sproto.parse(SpecExamplesTest.ITEM_SCHEMA);

    @Test
    void recordAndMapViewsWriteTheSameBytes() {
        Person alice = new Person("Alice", 1001, "alice@example.com");
        byte[] fromRecord = book.encode(alice);
        byte[] fromMap = book.encode("Person", Map.of("name", "Alice", "id", 1001, "email", "alice@example.com"));
        assertThat(fromRecord).isEqualTo(fromMap);
        assertThat(Hex.of(fromRecord)).startsWith("03 00 00 00 D4 07 00 00 05 00 00 00 41 6C 69 63 65 11 00 00 00");
        assertThat(book.decode(Person.class, fromMap)).isEqualTo(alice);
    }

    record Numbers(int small, long wide, Long boxed) {
    }

    @Test
    void primitiveIntAndLongComponentsWriteWhatTheMapViewWritesForEverySizeOfNumber() {
        Sproto numbers = Sproto.parse("""
                .Numbers {
                    small 0 : integer
                    wide 3 : integer
                    boxed 5 : integer
                }
                """);
        long[] samples = {0, 1, 0x7ffe, 0x7fff, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 40, Long.MIN_VALUE};
        for (long wide : samples) {
            int small = (int) wide;
            for (Long boxed : new Long[] {null, wide}) {
                Map<String, Object> asMap = new LinkedHashMap<>();
                asMap.put("small", (long) small);
                asMap.put("wide", wide);
                if (boxed != null) {
                    asMap.put("boxed", boxed);
                }
                Numbers value = new Numbers(small, wide, boxed);
                byte[] bytes = numbers.encode(value);
                assertThat(bytes).as("%s", value).isEqualTo(numbers.encode("Numbers", asMap));
                assertThat(numbers.decode(Numbers.class, bytes)).isEqualTo(value);
            }
        }
    }

    @Test
    void nestedListsOfRecordsRoundTrip() {
        AddressBook value = new AddressBook(List.of(new Person("Alice", 1001, "a@x"), new Person("Bob", 70000, null)));
        byte[] bytes = book.encode(value);
        assertThat(book.decode(AddressBook.class, bytes)).isEqualTo(value);
        Map<String, Object> dynamic = book.decode("AddressBook", bytes);
        assertThat(dynamic).isEqualTo(Map.of("persons", List.of(
                Map.of("name", "Alice", "id", 1001L, "email", "a@x"), Map.of("name", "Bob", "id", 70000L))));
    }

    @Test
    void absentFieldsBecomeNullOrTheZeroOfAPrimitive() {
        Person p = book.decode(Person.class, book.encode("Person", Map.of("name", "x")));
        assertThat(p).isEqualTo(new Person("x", 0, null));
    }

    record Thin(String name) {
    }

    record Wide(String name, String nickname) {
    }

    @Test
    void aRecordMayBindFewerFieldsButNotUnknownOnes() {
        byte[] bytes = book.encode(new Person("Alice", 1001, "a@x"));
        assertThat(book.decode("Person", Thin.class, bytes)).isEqualTo(new Thin("Alice"));
        assertThat(book.encode("Person", new Thin("Alice"))).isEqualTo(book.encode("Person", Map.of("name", "Alice")));
        assertThatThrownBy(() -> book.decode("Person", Wide.class, bytes)).isInstanceOf(SprotoException.class)
                .hasMessage("record Wide component nickname has no field in sproto type Person");
    }

    record IntPerson(String name, int id, String email) {
    }

    @Test
    void intComponentsAreCheckedForRange() {
        assertThat(book.decode("Person", IntPerson.class, book.encode(new Person("a", 5, null))))
                .isEqualTo(new IntPerson("a", 5, null));
        assertThatThrownBy(() -> book.decode("Person", IntPerson.class, book.encode(new Person("a", 1L << 40, null))))
                .isInstanceOf(SprotoException.class)
                .hasMessage("field id value 1099511627776 does not fit the int component of IntPerson");
    }

    record BadType(String name, String id) {
    }

    record BadList(List<Integer> stock) {
    }

    record BadStruct(String parts) {
    }

    @Test
    void componentTypesAreCheckedAgainstFieldsOnce() {
        assertThatThrownBy(() -> book.decode("Person", BadType.class, new byte[] {0, 0})).isInstanceOf(SprotoException.class)
                .hasMessage("record BadType component id must hold Long, but is String");
        assertThatThrownBy(() -> item.decode("Item", BadList.class, new byte[] {0, 0})).isInstanceOf(SprotoException.class)
                .hasMessage("record BadList component stock (element) must hold Long, but is Integer");
        assertThatThrownBy(() -> item.decode("Item", BadStruct.class, new byte[] {0, 0})).isInstanceOf(SprotoException.class)
                .hasMessage("record BadStruct component parts must hold a List, but is String");
    }

    record Part(long code, String label) {
    }

    record Item(Long id, String name, Double price, List<String> tags, Double weight, List<Long> stock,
                Boolean ok, List<Part> parts, Map<String, Long> attrs, Map<Long, Part> byCode) {
    }

    @Test
    void everyFieldKindBindsToARecordIncludingBothMapForms() {
        Map<Long, Part> byCode = new LinkedHashMap<>();
        byCode.put(9L, new Part(9, null));
        Item value = new Item(-2L, "pen", 3.5, List.of("a", ""), 0.5, List.of(1L, -1L, 4294967296L), true,
                List.of(new Part(1, "x")), Map.of("color", 2L), byCode);
        byte[] bytes = item.encode(value);
        assertThat(item.decode(Item.class, bytes)).isEqualTo(value);
        Map<String, Object> dynamic = item.decode("Item", bytes);
        assertThat(dynamic.get("attrs")).isEqualTo(Map.of("color", 2L));
        assertThat(dynamic.get("byCode")).isEqualTo(Map.of(9L, Map.of("code", 9L)));
        assertThat(item.encode("Item", dynamic)).isEqualTo(bytes);
    }

    @Test
    void specExampleBytesDecodeIntoRecords() {
        Item pen = item.decode(Item.class, Hex.bytes("04 00 0C 00 00 00 09 00 04 00 03 00 00 00 70 65 6E"));
        assertThat(pen.id()).isEqualTo(5L);
        assertThat(pen.name()).isEqualTo("pen");
        assertThat(pen.ok()).isTrue();
        assertThat(pen.price()).isNull();
    }

    static final class Outer {
        record Phone(String number) {
        }
    }

    @Test
    void nestedJavaClassesMatchNestedTypeNamesThenTheirSimpleName() {
        Sproto sp = Sproto.parse(".Outer { .Phone { number 0 : integer } } .Phone { number 0 : string }");
        // Outer.Phone is found before Phone, and its number is an integer
        assertThatThrownBy(() -> sp.encode(new Outer.Phone("1"))).isInstanceOf(SprotoException.class)
                .hasMessage("record Phone component number must hold Long, but is String");
        Sproto flat = Sproto.parse(".Phone { number 0 : string }");
        assertThat(flat.decode(Outer.Phone.class, flat.encode(new Outer.Phone("1")))).isEqualTo(new Outer.Phone("1"));
        Sproto none = Sproto.parse(".Other { }");
        assertThatThrownBy(() -> none.encode(new Outer.Phone("1"))).isInstanceOf(SprotoException.class)
                .hasMessageStartingWith("no sproto type named RecordBindingTest.Outer.Phone or any shorter suffix for record");
    }

    record Node(String name, List<Node> children) {
    }

    @Test
    void recursiveRecordsWork() {
        Sproto sp = Sproto.parse(".Node { name 0 : string  children 1 : *Node }");
        Node tree = new Node("root", List.of(new Node("a", List.of()), new Node("b", List.of(new Node("c", List.of())))));
        assertThat(sp.decode(Node.class, sp.encode(tree))).isEqualTo(tree);
    }

    record Positive(long id) {
        Positive {
            if (id < 0) {
                throw new IllegalArgumentException("negative id");
            }
        }
    }

    @Test
    void aRecordRejectingDecodedValuesFailsAsSprotoException() {
        Sproto sp = Sproto.parse(".Positive { id 0 : integer }");
        assertThatThrownBy(() -> sp.decode(Positive.class, sp.encode("Positive", Map.of("id", -1))))
                .isInstanceOf(SprotoException.class)
                .hasMessageContaining("record Positive rejected the decoded values: java.lang.IllegalArgumentException: negative id");
    }

    record Blob(byte[] data, double ratio, boolean flag) {
    }

    @Test
    void primitiveAndBinaryComponents() {
        Sproto sp = Sproto.parse(".Blob { data 0 : binary  ratio 1 : integer(2)  flag 2 : boolean }");
        Blob back = sp.decode(Blob.class, sp.encode(new Blob(new byte[] {0, 7, 0}, -12.345, false)));
        assertThat(back.data()).containsExactly(0, 7, 0);
        assertThat(back.ratio()).isEqualTo(-12.35);
        assertThat(back.flag()).isFalse();
    }

    record Inventory(Map<String, List<Part>> bins) {
    }

    @Test
    void twoFieldMapWithStructArrayValues() {
        Sproto sp = Sproto.parse("""
                .Part { code 0 : integer  label 1 : string }
                .Bin { name 0 : string  parts 1 : *Part }
                .Inventory { bins 0 : *Bin() }
                """);
        Inventory value = new Inventory(Map.of("left", List.of(new Part(1, "a"), new Part(2, null))));
        byte[] bytes = sp.encode(value);
        assertThat(sp.decode(Inventory.class, bytes)).isEqualTo(value);
        assertThat(sp.decode("Inventory", bytes)).isEqualTo(Map.of("bins",
                Map.of("left", List.of(Map.of("code", 1L, "label", "a"), Map.of("code", 2L)))));
    }
}

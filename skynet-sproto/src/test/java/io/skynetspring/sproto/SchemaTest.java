package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Section 1 of the spec: the schema language, name resolution and schema errors. */
class SchemaTest {

    @Test
    void parsesFieldsOfEveryKindInTagOrder() {
        Sproto sp = Sproto.parse("""
                # a comment
                .Person {            # trailing comment
                    email 2 : string
                    name 0 : string
                    id 1 : integer
                    balance 3:integer(2) ratio 4 : double  avatar 5 : binary  ok 6 : boolean
                    .Phone { number 0 : string  type 1 : integer }
                    phones 7 : *Phone
                    byNumber 8 : *Phone(number)
                    pairs 9 : *Phone()
                    scores 10 : *integer(1)
                }
                """);
        SprotoType person = sp.type("Person");
        assertThat(person.fields()).extracting(Field::name)
                .containsExactly("name", "id", "email", "balance", "ratio", "avatar", "ok", "phones", "byNumber", "pairs", "scores");
        assertThat(person.field("balance").type()).isEqualTo(FieldType.DECIMAL);
        assertThat(person.field("balance").decimals()).isEqualTo(2);
        assertThat(person.field("avatar").type()).isEqualTo(FieldType.BINARY);
        assertThat(person.field("phones").struct()).isSameAs(sp.type("Person.Phone"));
        assertThat(person.field("phones").isArray()).isTrue();
        assertThat(person.field("phones").isMap()).isFalse();
        assertThat(person.field("byNumber").mapKey().name()).isEqualTo("number");
        assertThat(person.field("pairs").isPairMap()).isTrue();
        assertThat(person.field("pairs").mapKey().name()).isEqualTo("number");
        assertThat(person.field("pairs").mapValue().name()).isEqualTo("type");
        assertThat(person.field("scores").toString()).isEqualTo("scores 10 : *integer(1)");
        assertThat(person.fieldByTag(8).toString()).isEqualTo("byNumber 8 : *Person.Phone(number)");
    }

    @Test
    void twoFieldMapKeyIsTheLowerTagWhateverTheDeclarationOrder() {
        Sproto sp = Sproto.parse(".KV { v 5 : string  k 2 : integer } .M { m 0 : *KV() }");
        assertThat(sp.type("M").field("m").mapKey().name()).isEqualTo("k");
        assertThat(sp.type("M").field("m").mapValue().name()).isEqualTo("v");
    }

    @Test
    void resolvesReferencesFromTheInnermostScopeOutwards() {
        Sproto sp = Sproto.parse("""
                .Point { x 0 : integer }
                .Person {
                    .Point { y 0 : integer }
                    .Address {
                        at 0 : Point
                        home 1 : Person.Point
                        top 2 : Address
                    }
                }
                .Other { p 0 : Point  q 1 : Person.Address.Point2 }
                .Person2 { }
                """.replace("Person.Address.Point2", "Person.Point"));
        SprotoType address = sp.type("Person.Address");
        assertThat(address.field("at").struct().name()).isEqualTo("Person.Point");
        assertThat(address.field("home").struct().name()).isEqualTo("Person.Point");
        assertThat(address.field("top").struct().name()).isEqualTo("Person.Address");
        assertThat(sp.type("Other").field("p").struct().name()).isEqualTo("Point");
        assertThat(sp.type("Other").field("q").struct().name()).isEqualTo("Person.Point");
    }

    @Test
    void builtinNamesShadowUserTypes() {
        Sproto sp = Sproto.parse(".integer { a 0 : string } .T { n 0 : integer }");
        assertThat(sp.type("T").field("n").type()).isEqualTo(FieldType.INTEGER);
    }

    @Test
    void parsesProtocolsWithNamedInlineNilAndMissingMessages() {
        Sproto sp = Sproto.parse("""
                .package { type 0 : integer  session 1 : integer }
                .Buy { item 0 : integer }
                buy 3 { request Buy  response { ok 0 : boolean .N { x 0 : integer } n 1 : N } }
                ping 4 { response nil }
                quit 5 {}
                log 6 { request { text 0 : string } }
                drop 7 { request nil response nil response nil }
                """);
        Protocol buy = sp.protocol("buy");
        assertThat(buy.tag()).isEqualTo(3);
        assertThat(buy.request()).isSameAs(sp.type("Buy"));
        assertThat(buy.response().name()).isEqualTo("buy.response");
        assertThat(sp.type("buy.response").field("n").struct().name()).isEqualTo("buy.response.N");
        assertThat(sp.protocol(4).isConfirm()).isTrue();
        assertThat(sp.protocol(4).response()).isNull();
        assertThat(sp.protocol(4).expectsResponse()).isTrue();
        assertThat(sp.protocol("quit").expectsResponse()).isFalse();
        assertThat(sp.protocol("quit").request()).isNull();
        assertThat(sp.protocol("log").request().name()).isEqualTo("log.request");
        assertThat(sp.protocol("drop").request()).isNull();
        assertThat(sp.protocol("drop").isConfirm()).isTrue();
    }

    @Test
    void acceptsCrlfTabsCompactPunctuationAndEmptySchemas() {
        Sproto sp = Sproto.parse(".A{a 0:integer\tb 1 :*string}\r\n.B {}\r\n");
        assertThat(sp.type("A").field("b").isArray()).isTrue();
        assertThat(sp.type("B").fields()).isEmpty();
        assertThat(Sproto.parse("").types()).isEmpty();
        assertThat(Sproto.parse("  # nothing\n").types()).isEmpty();
        assertThat(Sproto.parse(".A { a 0 : * integer ( 2 ) }".replace("* integer ( 2 )", "*integer( 2 )"))
                .type("A").field("a").decimals()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            ".A { a 0 : integer  a 1 : string }           | 1:21: field a is defined twice in A",
            ".A { a 0 : integer  b 0 : string }           | 1:21: tag 0 is used twice in A (field b)",
            ".A { } .A { }                                | 1:9: type A is defined twice",
            ".A { .B { } .B { } }                         | 1:14: type A.B is defined twice",
            ".A { a 0 : Nope }                            | 1:12: unknown type Nope (in A)",
            ".A { a 0 : *Nope }                           | 1:13: unknown type Nope (in A)",
            ".A { a 0 : *B(x) } .B { y 0 : integer }      | 1:15: map key x is not a field of B",
            ".A { a 0 : *B(y) } .B { y 0 : *integer }     | 1:15: map key y of B must have a built-in, non-array type",
            ".A { a 0 : *B(y) } .B { y 0 : A }            | 1:15: map key y of B must have a built-in, non-array type",
            ".A { a 0 : *B() } .B { y 0 : integer }       | 1:14: '*B()' needs B to have exactly two fields, it has 1",
            ".A { a 0 : *B() } .B { k 0 : A  v 1 : A }    | 1:14: map key k of B must have a built-in, non-array type",
            ".A { a 0 : B(y) } .B { y 0 : integer }       | 1:14: a map needs an array type '*B', but a is not an array",
            ".A { a 0 : *integer(y) }                     | 1:21: a map needs a struct element type, but a is *integer",
            ".A { a 0 : string(2) }                       | 1:19: decimal places need an integer field, but a is string",
            ".A { a 0 : integer(10) }                     | 1:20: decimal places of a must be 0..9, found 10",
            ".A { a 32767 : integer }                     | 1:8: tag of A.a must be 0..32766, found 32767",
            ".A { a x : integer }                         | 1:8: expected a tag for A.a, found 'x'",
            ".A { a 0 integer }                           | 1:10: expected ':' after the tag of a, found 'integer'",
            ".A { a 0 : }                                 | 1:12: expected a type for field a, found '}'",
            ".A { a 0 : * integer }                       | 1:14: expected the element type right after '*', found a blank",
            ".A { a 0 : integer (2) }                     | 1:20: expected '(' right after the type of a, found a blank",
            ".A { a 0 : integer                           | 1:19: expected a field, a nested type or '}' in A, found end of schema",
            ". A { }                                      | 1:3: expected a type name right after '.', found a blank",
            ".A { a 0 : integer(2)b 1 : string }          | 1:22: expected a blank between items of A, found 'b'",
            ".A { a 0 : integer } }                       | 1:22: expected '.' starting a type or a protocol name, found '}'",
            ".A { a 0a : integer }                        | 1:9: expected a blank after number 0",
            ".A { a 0 : integer $ }                       | 1:20: unexpected character '$'",
            ".A.B { }                                     | 1:2: expected a type name, found 'A.B'",
            ".A {} p 1 { request Nope }                   | 1:21: unknown type Nope",
            ".A {} p 1 { response Nope }                  | 1:22: unknown type Nope",
            ".A {} p 1 { } p 2 { }                        | 1:15: protocol p is defined twice",
            ".A {} p 1 { } q 1 { }                        | 1:15: protocol tag 1 of q is already used by p",
            ".A {} p 1 { request A request A }            | 1:23: protocol p has a second request",
            ".A {} p 1 { response A response A }          | 1:24: protocol p has a second response",
            ".A {} p 1 { response nil response A }        | 1:26: protocol p has a second response",
            ".A {} p 1 { request{ } }                     | 1:20: expected a blank after 'request'",
            ".A {} p 1 { reply A }                        | 1:13: expected 'request', 'response' or '}' in protocol p, found 'reply'",
            ".A {} p 1 { request 5 }                      | 1:21: expected a type, 'nil' or '{' after 'request', found number 5",
            "p 1 { response nil }                         | 1:1: a schema with protocols must declare at least one type",
            ".A {} p { }                                  | 1:9: expected a tag for protocol p, found '{'",
            ".A {} p 1 { request A                        | 1:22: expected 'request', 'response' or '}' in protocol p, found end of schema",
    })
    void rejectsBadSchemasWithLineColumnAndWhatWasExpected(String schema, String message) {
        assertThatThrownBy(() -> Sproto.parse(schema.strip()))
                .isInstanceOf(SprotoSchemaException.class)
                .hasMessage(message);
    }

    @Test
    void schemaErrorsReportLineAndColumnAndAreSprotoExceptions() {
        SprotoSchemaException e = org.junit.jupiter.api.Assertions.assertThrows(SprotoSchemaException.class,
                () -> Sproto.parse(".A {\n  a 0 : integer\n  b 1 : Missing\n}"));
        assertThat(e).isInstanceOf(SprotoException.class);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.getMessage()).isEqualTo("3:9: unknown type Missing (in A)");
    }

    @Test
    void typesAndProtocolsAreListedAndLookupsOfUnknownNamesFail() {
        Sproto sp = Sproto.parse(".A { .B {} } .C {} p 1 {}");
        assertThat(sp.types()).extracting(SprotoType::name).containsExactlyInAnyOrderElementsOf(List.of("A", "A.B", "C"));
        assertThat(sp.protocols()).extracting(Protocol::name).containsExactly("p");
        assertThatThrownBy(() -> sp.protocol("q")).isInstanceOf(SprotoException.class).hasMessage("unknown protocol q");
        assertThatThrownBy(() -> sp.protocol(2)).isInstanceOf(SprotoException.class).hasMessage("unknown protocol tag 2");
    }
}

package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Section 6 of the spec: packets of host/attach/dispatch, byte for byte, and the RPC flow. */
class HostTest {

    private static final String RPC = SpecExamplesTest.ITEM_SCHEMA + """
            .package { type 0 : integer  session 1 : integer }
            buy 3 { request { item 0 : integer  count 1 : integer }  response { ok 0 : boolean } }
            ping 4 { response nil }
            quit 5 { }
            notify 6 { request { text 0 : string } }
            """;

    private final Sproto sp = Sproto.parse(RPC);
    private final Host server = sp.host();
    private final Host client = sp.host();
    private final RequestPacker send = client.attach(sp);

    record Buy(long item, Long count) {
    }

    record Bought(boolean ok) {
    }

    @Test
    void buyRequestAndResponsePacketsMatchTheSpec() {
        byte[] request = send.pack("buy", Map.of("item", 7, "count", 2), 1);
        assertThat(Hex.of(request)).isEqualTo("55 02 08 04 02 05 10 06");
        assertThat(Hex.of(ZeroPack.unpack(request))).isEqualTo("02 00 08 00 04 00 02 00 10 00 06 00 00 00 00 00");

        Dispatched.Request got = (Dispatched.Request) server.dispatch(request);
        assertThat(got.name()).isEqualTo("buy");
        assertThat(got.args()).isEqualTo(Map.of("item", 7L, "count", 2L));
        assertThat(got.ud()).isNull();
        assertThat(got.responder()).isNotNull();
        assertThat(got.responder().session()).isEqualTo(1L);

        byte[] response = got.responder().respond(Map.of("ok", true));
        assertThat(Hex.of(response)).isEqualTo("55 02 01 04 01 01 04");
        assertThat(Hex.of(ZeroPack.unpack(response))).isEqualTo("02 00 01 00 04 00 01 00 04 00 00 00 00 00 00 00");

        Dispatched.Response answer = (Dispatched.Response) client.dispatch(response);
        assertThat(answer.session()).isEqualTo(1L);
        assertThat(answer.result()).isEqualTo(Map.of("ok", true));
        assertThat(answer.protocol().name()).isEqualTo("buy");
    }

    @Test
    void pingWithALargeSessionAndResponseNil() {
        byte[] request = send.pack("ping", null, 70000);
        assertThat(Hex.of(request)).isEqualTo("45 02 0A 04 1C 70 11 01");
        assertThat(Hex.of(ZeroPack.unpack(request))).isEqualTo("02 00 0A 00 00 00 04 00 00 00 70 11 01 00 00 00");

        Dispatched.Request got = (Dispatched.Request) server.dispatch(request);
        assertThat(got.name()).isEqualTo("ping");
        assertThat(got.args()).isNull();
        byte[] response = got.responder().respond();
        assertThat(Hex.of(response)).isEqualTo("45 02 01 04 1C 70 11 01");
        assertThat(Hex.of(ZeroPack.unpack(response))).isEqualTo("02 00 01 00 00 00 04 00 00 00 70 11 01 00 00 00");

        Dispatched.Response answer = (Dispatched.Response) client.dispatch(response);
        assertThat(answer.session()).isEqualTo(70000L);
        assertThat(answer.result()).isNull();
    }

    @Test
    void oneWayRequestHasNoSessionAndNoResponder() {
        byte[] request = send.pack("buy", Map.of("item", 1));
        assertThat(Hex.of(request)).isEqualTo("55 01 08 01 04");
        assertThat(Hex.of(ZeroPack.unpack(request))).isEqualTo("01 00 08 00 01 00 04 00");
        Dispatched.Request got = (Dispatched.Request) server.dispatch(request);
        assertThat(got.args()).isEqualTo(Map.of("item", 1L));
        assertThat(got.responder()).isNull();
    }

    @Test
    void sessionZeroIsARealSession() {
        byte[] request = send.pack("buy", Map.of("item", 2), 0);
        Dispatched.Request got = (Dispatched.Request) server.dispatch(request);
        assertThat(got.responder()).isNotNull();
        assertThat(got.responder().session()).isZero();
        Dispatched.Response answer = (Dispatched.Response) client.dispatch(got.responder().respond(Map.of("ok", false)));
        assertThat(answer.session()).isZero();
        assertThat(answer.result()).isEqualTo(Map.of("ok", false));
    }

    @Test
    void negativeSessionsAndProtocolTagZeroWork() {
        Sproto zero = Sproto.parse(".package { type 0 : integer  session 1 : integer } .A { } first 0 { response nil }");
        Host a = zero.host();
        Host b = zero.host();
        byte[] request = a.attach(zero).pack("first", null, -5);
        Dispatched.Request got = (Dispatched.Request) b.dispatch(request);
        assertThat(got.name()).as("type present with value 0 is a request").isEqualTo("first");
        Dispatched.Response answer = (Dispatched.Response) a.dispatch(got.responder().respond());
        assertThat(answer.session()).isEqualTo(-5L);
    }

    @Test
    void aSecondResponseForTheSameSessionIsAnError() {
        byte[] request = send.pack("ping", null, 9);
        byte[] response = ((Dispatched.Request) server.dispatch(request)).responder().respond();
        client.dispatch(response);
        assertThatThrownBy(() -> client.dispatch(response))
                .isInstanceOf(SprotoException.class).hasMessage("unknown session 9");
    }

    @Test
    void reusingASessionOverwritesWhatTheResponseCarries() {
        send.pack("buy", Map.of("item", 1), 4);
        send.pack("ping", null, 4);
        byte[] response = ((Dispatched.Request) server.dispatch(send.pack("ping", null, 77))).responder().respond();
        assertThat(((Dispatched.Response) client.dispatch(response)).session()).isEqualTo(77L);
        Dispatched.Response answer = (Dispatched.Response) client.dispatch(ZeroPack.pack(Hex.bytes("02 00 01 00 0A 00")));
        assertThat(answer.protocol().name()).isEqualTo("ping");
        assertThat(answer.result()).isNull();
    }

    @Test
    void protocolWithoutResponseStillGetsAResponderWhenASessionIsSent() {
        Dispatched.Request got = (Dispatched.Request) server.dispatch(send.pack("quit", Map.of("ignored", 1), 3));
        assertThat(got.args()).isNull();
        byte[] response = got.responder().respond(Map.of("ignored", true));
        assertThat(Hex.of(ZeroPack.unpack(response))).isEqualTo("02 00 01 00 08 00 00 00");
        assertThat(((Dispatched.Response) client.dispatch(response)).result()).isNull();
    }

    @Test
    void responderCarriesItsOwnUdNotTheRequests() {
        Sproto withUd = Sproto.parse(".package { type 0 : integer  session 1 : integer  ud 2 : integer } .A {} ping 4 { response nil }");
        Host a = withUd.host();
        Host b = withUd.host();
        Dispatched.Request got = (Dispatched.Request) b.dispatch(a.attach(withUd).pack("ping", null, 1L, 42L));
        assertThat(got.ud()).isEqualTo(42L);
        byte[] response = got.responder().respond(null, 7L);
        assertThat(Hex.of(ZeroPack.unpack(response))).isEqualTo("03 00 01 00 04 00 10 00");
        assertThat(a.dispatch(response).ud()).isEqualTo(7L);
    }

    @Test
    void requestBodyMissing_decodesFromPaddingAfterA6ByteHeader_failsAfterAn8ByteHeader() {
        Dispatched.Request got = (Dispatched.Request) server.dispatch(ZeroPack.pack(Hex.bytes("02 00 08 00 04 00")));
        assertThat(got.args()).isEmpty();
        Sproto withUd = Sproto.parse(".package { type 0 : integer  session 1 : integer  ud 2 : integer } .B { x 0 : integer } buy 3 { request B }");
        assertThatThrownBy(() -> withUd.host().dispatch(ZeroPack.pack(Hex.bytes("03 00 08 00 04 00 02 00"))))
                .isInstanceOf(SprotoException.class).hasMessageContaining("truncated header of B: 0 bytes left, need 2");
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(() -> send.pack("buy", null, 1)).isInstanceOf(SprotoException.class)
                .hasMessage("protocol buy needs request arguments of type buy.request");
        assertThatThrownBy(() -> send.pack("nope", Map.of(), 1)).isInstanceOf(SprotoException.class)
                .hasMessage("unknown protocol nope");
        Dispatched.Request buy = (Dispatched.Request) server.dispatch(send.pack("buy", Map.of("item", 1), 1));
        assertThatThrownBy(() -> buy.responder().respond()).isInstanceOf(SprotoException.class)
                .hasMessage("protocol buy needs a response of type buy.response");
        Dispatched.Request ping = (Dispatched.Request) server.dispatch(send.pack("ping", null, 2));
        assertThatThrownBy(() -> ping.responder().respond(Map.of())).isInstanceOf(SprotoException.class)
                .hasMessage("protocol ping answers with response nil, got a result");
        assertThatThrownBy(() -> sp.host("Item")).isInstanceOf(SprotoException.class)
                .hasMessage("header type Item needs an integer field type");
    }

    @Test
    void badPacketsAreReported() {
        assertThatThrownBy(() -> server.dispatch(ZeroPack.pack(Hex.bytes("01 00 10 00"))))
                .isInstanceOf(SprotoException.class).hasMessage("unknown protocol tag 7");
        assertThatThrownBy(() -> server.dispatch(ZeroPack.pack(Hex.bytes("00 00"))))
                .isInstanceOf(SprotoException.class).hasMessage("response packet without a session");
        assertThatThrownBy(() -> server.dispatch(ZeroPack.pack(Hex.bytes("02 00 01 00 06 00"))))
                .isInstanceOf(SprotoException.class).hasMessage("unknown session 2");
        assertThatThrownBy(() -> server.dispatch(Hex.bytes("FF 01 00")))
                .isInstanceOf(SprotoException.class).hasMessageContaining("bad packed data");
        assertThatThrownBy(() -> server.dispatch(new byte[100], 799))
                .isInstanceOf(SprotoException.class).hasMessage("unpacked data would be 800 bytes, limit is 799");
    }

    @Test
    void recordsWorkForArgumentsAndResults() {
        byte[] request = send.pack("buy", new Buy(7, 2L), 1);
        assertThat(Hex.of(request)).isEqualTo("55 02 08 04 02 05 10 06");
        Dispatched.Request got = (Dispatched.Request) server.dispatch(request);
        assertThat(got.args(Buy.class)).isEqualTo(new Buy(7, 2L));
        Dispatched.Response answer = (Dispatched.Response) client.dispatch(got.responder().respond(new Bought(true)));
        assertThat(answer.result(Bought.class)).isEqualTo(new Bought(true));
    }

    @Test
    void attachingAnotherSchemaSendsItsProtocolsWithThisHostsHeader() {
        Sproto remote = Sproto.parse(".X { n 0 : integer } echo 9 { request X  response X }");
        Sproto serverSide = Sproto.parse(".package { type 0 : integer  session 1 : integer } .X { n 0 : integer } echo 9 { request X response X }");
        RequestPacker toRemote = client.attach(remote);
        Host remoteHost = serverSide.host();
        Dispatched.Request got = (Dispatched.Request) remoteHost.dispatch(toRemote.pack("echo", Map.of("n", 5), 11));
        Dispatched.Response answer = (Dispatched.Response) client.dispatch(got.responder().respond(got.args()));
        assertThat(answer.result()).isEqualTo(Map.of("n", 5L));
    }

    @Test
    void pencodeAndPdecodePackTheEncoding() {
        byte[] packed = sp.pencode("Item", Map.of("id", 5, "name", "pen", "ok", true));
        assertThat(Hex.of(packed)).isEqualTo("45 04 0C 09 C5 04 03 70 65 01 6E");
        assertThat(sp.pdecode("Item", packed)).isEqualTo(Map.of("id", 5L, "name", "pen", "ok", true));
    }
}

package io.skynetspring.sproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded randomized properties and fuzzing, run in every build. jqwik was the first choice; its
 * 1.10 line asks not to be used by AI coding agents, so these generate inputs with a fixed seed
 * instead (override with {@code -Dsproto.seed=N} to explore). A failure names the seed and input.
 */
class RandomizedPropertiesTest {

    private static final long SEED = Long.getLong("sproto.seed", 0x5eed_5940L);
    private static final int TRIES = 2000;

    static final String SCHEMA = """
            .Attr { key 0 : string  value 1 : integer }
            .Item {
                id 0 : integer
                name 1 : string
                price 2 : integer(2)
                tags 3 : *string
                weight 5 : double
                stock 6 : *integer
                ok 7 : boolean
                .Part { code 0 : integer  label 1 : string  blob 3 : binary  flags 4 : *boolean }
                parts 8 : *Part
                attrs 9 : *Attr()
                byCode 10 : *Part(code)
                child 12 : Item
                ratios 13 : *double
                rates 14 : *integer(3)
                blobs 15 : *binary
                byLabel 16 : *Part(label)
                nested 17 : *Bucket()
            }
            .Bucket { name 0 : string  items 1 : *Item.Part }
            .package { type 0 : integer  session 1 : integer  ud 2 : integer }
            get 1 { request Item  response Item }
            ping 2 { response nil }
            tell 3 { request Attr }
            """;

    private final Sproto sp = Sproto.parse(SCHEMA);

    private static void failWith(long seed, int attempt, byte[] input, Throwable t) {
        String hex = Hex.of(input);
        fail("seed " + seed + " try " + attempt + " input " + (hex.length() > 600 ? hex.substring(0, 600) + "..." : hex)
                + ": " + t, t);
    }

    @Test
    void decodeOfEncodeIsIdentityAndEncodingIsCanonical() {
        SplittableRandom random = new SplittableRandom(SEED);
        RandomValues values = new RandomValues(random, 3);
        for (int i = 0; i < TRIES; i++) {
            Map<String, Object> value = values.struct(sp.type("Item"), 0);
            byte[] bytes = sp.encode("Item", value);
            Map<String, Object> back = sp.decode("Item", bytes);
            if (!DeepEquals.equal(back, value)) {
                fail("seed " + SEED + " try " + i + ": " + value + " came back as " + back);
            }
            assertThat(sp.encode("Item", back)).isEqualTo(bytes);
        }
    }

    @Test
    void unpackOfPackIsIdentityUpToPadding() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < TRIES; i++) {
            int length = random.nextInt(i % 10 == 0 ? 3000 : 100);
            int zeroPercent = random.nextInt(101);
            byte[] plain = new byte[length];
            for (int j = 0; j < length; j++) {
                plain[j] = random.nextInt(100) < zeroPercent ? 0 : (byte) (1 + random.nextInt(255));
            }
            byte[] packed = ZeroPack.pack(plain);
            byte[] back = ZeroPack.unpack(packed);
            assertThat(back.length).isEqualTo((length + 7) / 8 * 8);
            if (!Arrays.equals(Arrays.copyOf(back, length), plain) || !allZero(back, length)) {
                fail("seed " + (SEED + 1) + " try " + i + " input " + Hex.of(plain));
            }
            assertThat(packed.length).isLessThanOrEqualTo(length + (length + 7) / 8 * 2 + 2);
        }
    }

    private static boolean allZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void decodeOfDamagedOrRandomBytesOnlyEverFailsWithSprotoException() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        RandomValues values = new RandomValues(random, 3);
        List<String> types = List.of("Item", "Item.Part", "Bucket", "Attr");
        int failures = 0;
        for (int i = 0; i < 4 * TRIES; i++) {
            String type = types.get(random.nextInt(types.size()));
            byte[] valid = sp.encode(type, values.struct(sp.type(type), 0));
            byte[] input = i % 8 == 0 ? values.bytes(random.nextInt(64)) : values.mutate(valid);
            String asType = i % 5 == 0 ? types.get(random.nextInt(types.size())) : type;
            try {
                sp.decode(asType, input);
            } catch (SprotoException expected) {
                failures++;
            } catch (Throwable t) {
                failWith(SEED + 2, i, input, t);
            }
        }
        assertThat(failures).as("the fuzzer produced invalid inputs").isGreaterThan(TRIES / 2);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void unpackOfRandomBytesFailsOnlyWithSprotoExceptionAndStaysWithin8x() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        RandomValues values = new RandomValues(random, 1);
        for (int i = 0; i < TRIES; i++) {
            byte[] input = i % 2 == 0 ? values.bytes(random.nextInt(80))
                    : values.mutate(ZeroPack.pack(values.bytes(random.nextInt(200))));
            if (i % 7 == 0 && input.length > 0) {
                input[0] = (byte) 0xFF;
            }
            try {
                assertThat(ZeroPack.unpack(input).length).isLessThanOrEqualTo(8 * input.length);
            } catch (SprotoException expected) {
                // truncated input
            } catch (Throwable t) {
                failWith(SEED + 3, i, input, t);
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void dispatchOfDamagedPacketsOnlyEverFailsWithSprotoException() {
        SplittableRandom random = new SplittableRandom(SEED + 4);
        RandomValues values = new RandomValues(random, 2);
        Host host = sp.host();
        RequestPacker send = host.attach(sp);
        List<byte[]> packets = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            packets.add(send.pack("get", values.struct(sp.type("Item"), 0), (long) s, random.nextBoolean() ? null : (long) s));
            packets.add(send.pack("ping", null, 1000L + s, null));
            packets.add(send.pack("tell", values.struct(sp.type("Attr"), 0)));
        }
        Host server = sp.host();
        for (byte[] packet : new ArrayList<>(packets)) {
            if (server.dispatch(packet) instanceof Dispatched.Request r && r.responder() != null) {
                packets.add(r.protocol().response() == null ? r.responder().respond()
                        : r.responder().respond(values.struct(sp.type("Item"), 0)));
            }
        }
        int ok = 0;
        for (int i = 0; i < TRIES; i++) {
            byte[] input = values.mutate(packets.get(random.nextInt(packets.size())));
            try {
                host.dispatch(input, 1 << 16);
                ok++;
            } catch (SprotoException expected) {
                // damaged
            } catch (Throwable t) {
                failWith(SEED + 4, i, input, t);
            }
        }
        assertThat(ok).as("some damaged packets still dispatch").isPositive();
    }

    @Test
    void recordsRoundTripThroughBothViews() {
        Sproto book = Sproto.parse(RecordBindingTest.ADDRESS_BOOK);
        SplittableRandom random = new SplittableRandom(SEED + 5);
        RandomValues values = new RandomValues(random, 1);
        for (int i = 0; i < TRIES; i++) {
            List<RecordBindingTest.Person> persons = new ArrayList<>();
            for (int p = random.nextInt(12); p > 0; p--) {
                persons.add(new RecordBindingTest.Person(random.nextBoolean() ? values.text() : null, values.integer(),
                        random.nextBoolean() ? values.text() : null));
            }
            RecordBindingTest.AddressBook value = new RecordBindingTest.AddressBook(persons);
            byte[] bytes = book.encode(value);
            assertThat(book.decode(RecordBindingTest.AddressBook.class, bytes)).isEqualTo(value);
            assertThat(book.encode("AddressBook", book.decode("AddressBook", bytes))).isEqualTo(bytes);
        }
    }
}

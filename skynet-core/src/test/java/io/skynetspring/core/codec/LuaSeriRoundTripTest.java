package io.skynetspring.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random messages (fixed seeds, so a failure repeats) survive pack and unpack as the same Lua
 * values, and what unpacks packs again to the very same bytes; records and beans come back through
 * {@link LuaValues#convert}.
 */
class LuaSeriRoundTripTest {

    private static final int ROUNDS = 3_000;

    record Stats(long hp, double speed, String name, List<Long> inventory, Map<String, Long> attrs, Stats child,
            byte[] blob) {
    }

    /** A bean with a getter per Lua type. */
    public static final class Profile {
        private final long id;
        private final String nick;
        private final boolean online;
        private final List<String> friends;

        Profile(long id, String nick, boolean online, List<String> friends) {
            this.id = id;
            this.nick = nick;
            this.online = online;
            this.friends = friends;
        }

        public long getId() {
            return id;
        }

        public String getNick() {
            return nick;
        }

        public boolean isOnline() {
            return online;
        }

        public List<String> getFriends() {
            return friends;
        }
    }

    @Test
    void randomMessagesComeBackAsTheSameLuaValuesAndRepackIdentically() {
        RandomLuaValues gen = new RandomLuaValues(20261203L);
        for (int round = 0; round < ROUNDS; round++) {
            Object[] sent = gen.message();
            byte[] wire = LuaSeri.pack(sent);
            Object[] got = LuaSeri.unpack(wire);
            assertThat(got).as("round %d: arity", round).hasSize(sent.length);
            for (int i = 0; i < sent.length; i++) {
                int at = i;
                int r = round;
                assertThat(LuaTables.same(got[i], sent[i]))
                        .as(() -> "round " + r + " value " + at + ": " + sent[at] + " came back as " + got[at])
                        .isTrue();
                assertOnlyDecodedTypes(got[i]);
            }
            assertThat(LuaSeri.pack(got)).as("round %d: repack", round).isEqualTo(wire);
        }
    }

    @Test
    void randomRecordsComeBackThroughConvert() {
        Random random = new Random(42);
        RandomLuaValues gen = new RandomLuaValues(43);
        for (int round = 0; round < ROUNDS; round++) {
            Stats sent = stats(random, gen, 3);
            Object wire = LuaSeri.unpack(LuaSeri.pack(sent))[0];
            Stats got = LuaValues.convert(wire, Stats.class);
            if (!same(got, sent)) {
                assertThat(got).as("round %d", round).usingRecursiveComparison().isEqualTo(sent); // says where
            }
        }
    }

    @Test
    void randomBeansComeBackAsTablesOfTheirProperties() {
        RandomLuaValues gen = new RandomLuaValues(44);
        Random random = gen.random();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> friends = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                friends.add(gen.string());
            }
            Profile p = new Profile(gen.integer(), random.nextBoolean() ? null : gen.string(), random.nextBoolean(), friends);
            Map<Object, Object> expected = new LinkedHashMap<>();
            expected.put("friends", friends);
            expected.put("id", p.getId());
            if (p.getNick() != null) {
                expected.put("nick", p.getNick());
            }
            expected.put("online", p.isOnline());
            assertThat(LuaTables.same(LuaSeri.unpack(LuaSeri.pack(p))[0], expected)).as("round %d", round).isTrue();
        }
    }

    @Test
    void theUtf8CheckAgreesWithTheJdksStrictDecoder() {
        Random random = new Random(7);
        byte[] lead = {(byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4,
            (byte) 0xF5, (byte) 0xC0, (byte) 0x80, (byte) 0xBF, 0x41};
        for (int round = 0; round < 100_000; round++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = switch (random.nextInt(3)) {
                    case 0 -> lead[random.nextInt(lead.length)];
                    case 1 -> (byte) (0x80 + random.nextInt(0x40)); // a continuation byte
                    default -> (byte) random.nextInt(256);
                };
            }
            if (ReadBlock.isUtf8(b, 0, b.length) != RandomLuaValues.isText(b)) {
                assertThat(ReadBlock.isUtf8(b, 0, b.length)).as(Hex.of(b)).isEqualTo(RandomLuaValues.isText(b));
            }
        }
    }

    private static boolean same(Stats a, Stats b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.hp() == b.hp() && Double.compare(a.speed(), b.speed()) == 0 && Objects.equals(a.name(), b.name())
                && Objects.equals(a.inventory(), b.inventory()) && a.attrs().equals(b.attrs())
                && Arrays.equals(a.blob(), b.blob()) && same(a.child(), b.child());
    }

    private static Stats stats(Random random, RandomLuaValues gen, int depth) {
        List<Long> inventory = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            inventory.add(gen.integer());
        }
        Map<String, Long> attrs = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            attrs.put(gen.string(), gen.integer());
        }
        byte[] blob = random.nextBoolean() ? null : new byte[random.nextInt(40)];
        if (blob != null) {
            random.nextBytes(blob); // UTF-8 by chance or not, convert gives the same bytes back
        }
        return new Stats(gen.integer(), gen.real(), random.nextInt(5) == 0 ? null : gen.string(),
                random.nextInt(5) == 0 ? null : inventory, attrs, depth > 0 && random.nextBoolean()
                        ? stats(random, gen, depth - 1) : null, blob);
    }

    private static void assertOnlyDecodedTypes(Object v) {
        if (v instanceof List<?> list) {
            assertThat(v).isInstanceOf(ArrayList.class);
            list.forEach(LuaSeriRoundTripTest::assertOnlyDecodedTypes);
        } else if (v instanceof Map<?, ?> map) {
            assertThat(v).isInstanceOf(LinkedHashMap.class);
            map.forEach((k, x) -> {
                assertThat(k).isNotNull();
                assertOnlyDecodedTypes(k);
                assertOnlyDecodedTypes(x);
            });
        } else if (v != null) {
            assertThat(v.getClass()).isIn(Boolean.class, Long.class, Double.class, String.class, byte[].class);
        }
        if (v instanceof byte[] b) {
            assertThat(RandomLuaValues.isText(b)).as("a UTF-8 string comes back as a String: " + Arrays.toString(b))
                    .isFalse();
        }
    }
}

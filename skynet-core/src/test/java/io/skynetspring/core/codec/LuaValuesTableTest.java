package io.skynetspring.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unpacked Lua tables reach typed Java code: records, arrays and typed collections. */
class LuaValuesTableTest {

    enum Role { ADMIN, GUEST }

    record Item(String name, int count) {
    }

    record Player(long id, String name, int level, Role role, List<Item> items, Map<String, Long> stats,
            Set<Integer> badges, Double score, byte[] avatar) {
    }

    record Note(String text, List<String> tags) {
    }

    record Motto(String nick, Optional<String> motto, Optional<Long> since) {
    }

    record Holder(List<Long> ids, Map<Long, Item> slots, Item[] extra, long[] raw) {
    }

    /** What a handler typed {@code (Player p)} gets from a real lua-seri body. */
    @Test
    void aPackedRecordArrivesAsTheRecord() {
        Player sent = new Player(1001, "ann", 3, Role.ADMIN, List.of(new Item("sword", 1), new Item("potion", 5)),
                Map.of("str", 7L), Set.of(4), 2.5, new byte[] {1, 2});
        Object wire = LuaSeri.unpack(LuaSeri.pack(sent))[0];
        Player got = LuaValues.convert(wire, Player.class);
        assertThat(got).usingRecursiveComparison().isEqualTo(sent);
    }

    @Test
    void fieldsAreConvertedAsLuaNumbersAndStringsConvert() {
        // what a Lua peer would send: integers as Long, a level as a float, a name as raw bytes
        Map<String, Object> table = Map.of("id", 1001L, "name", "ann".getBytes(StandardCharsets.UTF_8), "level", 3.0,
                "role", "GUEST", "items", List.of(Map.of("name", "sword", "count", 1L)), "stats", Map.of("str", 7L),
                "badges", List.of(4L, 4L), "avatar", "hi");
        Player p = LuaValues.convert(table, Player.class);
        assertThat(p.name()).isEqualTo("ann");
        assertThat(p.level()).isEqualTo(3);
        assertThat(p.role()).isEqualTo(Role.GUEST);
        assertThat(p.items()).containsExactly(new Item("sword", 1));
        assertThat(p.badges()).containsExactly(4);
        assertThat(p.avatar()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(p.score()).isNull();
    }

    @Test
    void aMissingPrimitiveOrAMisfitFieldSaysWhichField() {
        assertThatThrownBy(() -> LuaValues.convert(Map.of("id", 1L, "name", "ann"), Player.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Player.level is missing: nil where a int is needed");
        Map<String, Object> badItem = Map.of("id", 1L, "level", 1L,
                "items", List.of(Map.of("name", "a", "count", 1L), Map.of("name", "b", "count", "many")));
        assertThatThrownBy(() -> LuaValues.convert(badItem, Player.class))
                .hasMessage("Player.items: item 2: Item.count: string \"many\" is not a number");
        assertThatThrownBy(() -> LuaValues.convert(Map.of("id", 1L, "level", 1L, "role", "ROOT"), Player.class))
                .hasMessage("Player.role: \"ROOT\" is not a Role; one of [ADMIN, GUEST]");
        assertThatThrownBy(() -> LuaValues.convert("x", Item.class)).hasMessage("string where a Item is needed");
    }

    @Test
    void anEmptyTableIsAnEmptyListAndStillFillsARecordOrAMap() {
        Object empty = LuaSeri.unpack(LuaSeri.pack(Map.of()))[0];
        assertThat(empty).isEqualTo(List.of());
        assertThat(LuaValues.convert(empty, Note.class)).isEqualTo(new Note(null, null));
        assertThat(LuaValues.convert(empty, Map.class)).isEmpty();
        assertThat(LuaValues.convert(List.of("a", "b"), Map.class)).isEqualTo(Map.of(1L, "a", 2L, "b"));
    }

    @Test
    void listsBecomeArraysAndTypedCollections() throws Exception {
        Object wire = LuaSeri.unpack(LuaSeri.pack(Map.of("ids", List.of(1, 2), "slots", List.of(Map.of("name", "a",
                "count", 1)), "extra", List.of(Map.of("name", "b", "count", 2)), "raw", List.of(5, 6))))[0];
        Holder h = LuaValues.convert(wire, Holder.class);
        assertThat(h.ids()).containsExactly(1L, 2L);
        assertThat(h.slots()).containsExactly(Map.entry(1L, new Item("a", 1)));
        assertThat(h.extra()).containsExactly(new Item("b", 2));
        assertThat(h.raw()).containsExactly(5L, 6L);
        assertThat(LuaValues.convert(List.of(1L, 2.0), int[].class)).containsExactly(1, 2);
        assertThat(LuaValues.convert(List.of("a", "b"), String[].class)).containsExactly("a", "b");
        assertThatThrownBy(() -> LuaValues.convert(List.of(1L, 2.5), int[].class))
                .hasMessage("item 2: number has no integer representation: 2.5");
        Type listOfInts = Holder.class.getRecordComponents()[0].getGenericType();
        assertThat(LuaValues.convert(Map.of(1L, 10L, 2L, 20L), listOfInts)).isEqualTo(List.of(10L, 20L));
        assertThatThrownBy(() -> LuaValues.convert(Map.of("x", 1L), listOfInts))
                .hasMessageContaining("keys other than 1..n");
    }

    @Test
    void anAbsentFieldIsAnEmptyOptional() {
        assertThat(LuaValues.convert(Map.of("nick", "ann", "since", 3.0), Motto.class))
                .isEqualTo(new Motto("ann", Optional.empty(), Optional.of(3L)));
        assertThat(LuaValues.convert(Map.of("motto", "carpe diem"), Motto.class).motto()).contains("carpe diem");
    }

    @Test
    void stringsAndBytesConvertBothWays() {
        assertThat(LuaValues.convert("é", byte[].class)).isEqualTo(new byte[] {(byte) 0xC3, (byte) 0xA9});
        assertThat(LuaValues.convert(new byte[] {(byte) 0xC3, (byte) 0xA9}, String.class)).isEqualTo("é");
        assertThat(LuaValues.convert("x", char.class)).isEqualTo('x');
    }
}

package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message crosses from one service to another as a copy, as skynet's lua-seri makes it: what a
 * caller does to a reply, or to an argument after sending it, never reaches the other service.
 */
class MessageIsolationTest extends RuntimeFixture {

    /** A service holding {gold=100} that hands its state out in every way a reply can go. */
    private static ServiceHandler bank(io.skynetspring.core.service.ServiceContext ctx) {
        Map<String, Object> state = new HashMap<>();
        state.put("gold", 100);
        state.put("items", new ArrayList<>(List.of("sword")));
        List<Responder> parked = new ArrayList<>();
        return (cmd, args) -> switch (cmd) {
            case "state" -> state;
            case "monoState" -> Mono.just(state);
            case "laterState" -> ctx.sleep(1).thenReturn(state);
            case "park" -> {
                parked.add(ctx.response());
                yield null;
            }
            case "release" -> {
                parked.forEach(r -> r.reply(state));
                parked.clear();
                yield "ok";
            }
            case "gold" -> state.get("gold");
            case "items" -> String.valueOf(state.get("items"));
            default -> throw new IllegalArgumentException(cmd);
        };
    }

    /** Keeps whatever it is sent or called with, and tells what it kept as text. */
    private static ServiceHandler keeper() {
        List<Object> kept = new ArrayList<>();
        return new ServiceHandler() {
            @Override
            public Object init(Object[] args) {
                kept.addAll(Arrays.asList(args));
                return null;
            }

            @Override
            public Object dispatch(String cmd, Object[] args) {
                switch (cmd) {
                    case "keep" -> kept.addAll(Arrays.asList(args));
                    case "kept" -> {
                        return describe(kept);
                    }
                    default -> throw new IllegalArgumentException(cmd);
                }
                return null;
            }
        };
    }

    private static String describe(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v instanceof int[] a ? Arrays.toString(a)
                    : v instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(v));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aCallerChangingTheReplyLeavesTheServicesStateAlone() {
        rt.template("bank", MessageIsolationTest::bank);
        Address bank = rt.newService("bank").block(WAIT);

        Map<String, Object> reply = (Map<String, Object>) rt.call(bank, "state").block(WAIT);
        reply.put("gold", 999_999);
        ((List<String>) reply.get("items")).add("stolen crown");

        assertThat(rt.call(bank, "gold").block(WAIT)).isEqualTo(100);
        assertThat(rt.call(bank, "items").block(WAIT)).isEqualTo("[sword]");
    }

    @SuppressWarnings("unchecked")
    @Test
    void anotherServiceChangingTheReplyLeavesTheStateAlone() {
        rt.template("bank", MessageIsolationTest::bank);
        rt.template("thief", ctx -> (cmd, args) -> ctx.call((Address) args[0], "state")
                .map(m -> ((Map<String, Object>) m).put("gold", 0)));
        Address bank = rt.newService("bank").block(WAIT);
        Address thief = rt.newService("thief").block(WAIT);

        rt.call(thief, "rob", bank).block(WAIT);

        assertThat(rt.call(bank, "gold").block(WAIT)).isEqualTo(100);
    }

    @SuppressWarnings("unchecked")
    @Test
    void asyncAndDeferredRepliesAreCopiesToo() {
        rt.template("bank", MessageIsolationTest::bank);
        Address bank = rt.newService("bank").block(WAIT);

        ((Map<String, Object>) rt.call(bank, "monoState").block(WAIT)).put("gold", 1);
        ((Map<String, Object>) rt.call(bank, "laterState").block(WAIT)).put("gold", 2);
        var parked = rt.call(bank, "park").toFuture();
        assertThat(rt.call(bank, "release").block(WAIT)).isEqualTo("ok");
        ((Map<String, Object>) parked.join()).put("gold", 3);

        assertThat(rt.call(bank, "gold").block(WAIT)).isEqualTo(100);
    }

    @Test
    void aSendersLaterChangesDoNotReachTheReceiver() {
        rt.template("keeper", ctx -> keeper());
        Address keeper = rt.newService("keeper").block(WAIT);
        List<String> list = new ArrayList<>(List.of("a"));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("hp", 10));
        int[] numbers = {1, 2};
        Object[] nested = {new ArrayList<>(List.of("x"))};

        rt.send(keeper, "keep", list, map, numbers, nested);
        list.add("b");
        map.put("hp", 0);
        numbers[0] = 99;
        ((List<String>) nested[0]).add("y");

        assertThat(rt.call(keeper, "kept").block(WAIT)).isEqualTo("[[a], {hp=10}, [1, 2], [[x]]]");
    }

    @Test
    void aCallersLaterChangesDoNotReachTheCallee() {
        rt.template("keeper", ctx -> keeper());
        Address keeper = rt.newService("keeper").block(WAIT);
        List<String> list = new ArrayList<>(List.of("a"));
        Bag bag = new Bag("ann", new ArrayList<>(List.of("apple")));

        rt.call(keeper, "keep", list, bag).block(WAIT);
        list.add("b");
        bag.items().add("worm");

        assertThat(rt.call(keeper, "kept").block(WAIT)).isEqualTo("[[a], Bag[owner=ann, items=[apple]]]");
    }

    @Test
    void batchRequestArgumentsAreCopies() {
        rt.template("keeper", ctx -> keeper());
        Address keeper = rt.newService("keeper").block(WAIT);
        List<String> list = new ArrayList<>(List.of("a"));

        rt.request().add(keeper, "keep", list).select(WAIT).blockLast(WAIT);
        list.add("b");

        assertThat(rt.call(keeper, "kept").block(WAIT)).isEqualTo("[[a]]");
    }

    @Test
    void newServiceArgumentsAreCopies() {
        rt.template("keeper", ctx -> keeper());
        Map<String, Object> conf = new HashMap<>(Map.of("port", 8888));

        Address keeper = rt.newService("keeper", conf).block(WAIT);
        conf.put("port", 1);

        assertThat(rt.call(keeper, "kept").block(WAIT)).isEqualTo("[{port=8888}]");
    }

    @Test
    void copiesKeepTheKindAndOrderOfTheirCollections() {
        rt.template("echo", ctx -> (cmd, args) -> args[0]);
        Address echo = rt.newService("echo").block(WAIT);
        Map<String, Integer> linked = new LinkedHashMap<>();
        linked.put("z", 1);
        linked.put("a", 2);
        TreeMap<String, Integer> sorted = new TreeMap<>(Comparator.reverseOrder());
        sorted.putAll(Map.of("a", 1, "b", 2, "c", 3));

        Object linkedBack = rt.call(echo, "echo", linked).block(WAIT);
        Object sortedBack = rt.call(echo, "echo", sorted).block(WAIT);

        assertThat(linkedBack).isNotSameAs(linked).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) linkedBack).keySet())).isEqualTo(List.of("z", "a"));
        assertThat(sortedBack).isNotSameAs(sorted).isInstanceOf(TreeMap.class);
        assertThat(List.copyOf(((Map<?, ?>) sortedBack).keySet())).isEqualTo(List.of("c", "b", "a"));
    }

    record Bag(String owner, List<String> items) {
    }
}

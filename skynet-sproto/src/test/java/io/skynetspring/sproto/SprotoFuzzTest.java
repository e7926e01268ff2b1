package io.skynetspring.sproto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the hostile-input contract with Jazzer: decode (Map and record
 * views), {@code ZeroPack.unpack} and {@code Host.dispatch} on any bytes either succeed or throw
 * {@link SprotoException}, allocate at most a small multiple of the input, and what decodes
 * re-encodes to bytes that decode to the same value.
 *
 * <p>Its own surefire execution sets {@code JAZZER_FUZZ=1}, so in {@code verify} Jazzer mutates
 * inputs for {@code jazzer.max_duration} (see the pom); without it the test replays the seeds in
 * {@code SprotoFuzzTestInputs/hostileBytes}. The first input byte picks the target, the rest is
 * its payload. Findings become plain regression tests in {@link HostileInputTest}.
 */
class SprotoFuzzTest {

    private static final Sproto SP = Sproto.parse(RandomizedPropertiesTest.SCHEMA);
    private static final Sproto NEST = Sproto.parse(".N { n 0 : N  list 1 : *N  v 2 : integer }");
    private static final List<String> TYPES = List.of("Item", "Item.Part", "Bucket", "Attr", "package");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        // A record binding that does not fit its type fails every decode with SprotoException,
        // which would silently turn three targets into no-ops: build them once, up front.
        SP.type("Item").recordBinding(Item.class);
        SP.type("Bucket").recordBinding(Bucket.class);
        SP.type("Attr").recordBinding(Attr.class);
    }

    record Part(long code, String label, byte[] blob, List<Boolean> flags) {
    }

    record Attr(String key, int value) {
    }

    record Bucket(String name, List<Part> items) {
    }

    record Item(Long id, String name, double price, List<String> tags, Double weight, List<Long> stock, Boolean ok,
            List<Part> parts, Map<String, Long> attrs, Map<Long, Part> byCode, Item child, List<Double> ratios,
            List<Double> rates, List<byte[]> blobs, Map<String, Part> byLabel, Map<String, List<Part>> nested) {
    }

    /** The targets, chosen by the first input byte. */
    private enum Target { MAP_ITEM, MAP_PART, MAP_BUCKET, MAP_ATTR, MAP_HEADER, RECORD_ITEM, RECORD_BUCKET, RECORD_ATTR,
        DEEP, UNPACK, UNPACK_LIMITED, DISPATCH }

    @FuzzTest(maxDuration = "10s") // the pom sets jazzer.max_duration from sproto.fuzz.duration
    void hostileBytes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Target[] targets = Target.values();
        Target target = targets[(input[0] & 0xff) % targets.length];
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        Object[] decoded = new Object[1];
        long allocated = allocatedBy(() -> decoded[0] = run(target, payload));
        // Generous: a missing length check allocates what a hostile length claims, up to 4 GiB.
        long budget = 1024 * 1024 + 64L * payload.length * (target == Target.DISPATCH ? 8 : 1);
        // Loading (and instrumenting) a class on a path's first use allocates too; a second run does not.
        if (allocated > budget && (allocated = allocatedBy(() -> run(target, payload))) > budget) {
            throw new AssertionError(target + " allocated " + allocated + " bytes for " + payload.length
                    + " input bytes, budget " + budget);
        }
        if (decoded[0] != null) {
            reencode(target, decoded[0]);
        }
    }

    /** Bytes the thread allocated while running {@code action}; a SprotoException is a result like any other. */
    private static long allocatedBy(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            action.run();
        } catch (SprotoException expected) {
            // hostile bytes rejected
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    private static Object run(Target target, byte[] payload) {
        return switch (target) {
            case MAP_ITEM, MAP_PART, MAP_BUCKET, MAP_ATTR, MAP_HEADER -> SP.decode(TYPES.get(target.ordinal()), payload);
            case RECORD_ITEM -> SP.decode("Item", Item.class, payload);
            case RECORD_BUCKET -> SP.decode("Bucket", Bucket.class, payload);
            case RECORD_ATTR -> SP.decode("Attr", Attr.class, payload);
            case DEEP -> NEST.decode("N", payload);
            case UNPACK -> {
                byte[] out = ZeroPack.unpack(payload);
                if (out.length > 8L * payload.length || out.length % 8 != 0) {
                    throw new AssertionError("unpacked " + payload.length + " bytes to " + out.length);
                }
                yield null;
            }
            case UNPACK_LIMITED -> {
                if (ZeroPack.unpack(payload, 64).length > 64) {
                    throw new AssertionError("unpack ignored its limit");
                }
                yield null;
            }
            case DISPATCH -> {
                Host host = SP.host();
                // A fresh host per input, expecting responses to sessions 0 to 2, keeps runs independent.
                host.expect(0, SP.protocol("get"));
                host.expect(1, SP.protocol("ping"));
                host.expect(2, SP.protocol("tell"));
                Dispatched d = host.dispatch(payload, 1 << 16);
                if (d instanceof Dispatched.Request r && r.responder() != null) {
                    r.responder().respond();
                }
                yield null;
            }
        };
    }

    /** What decoded must encode (or fail as SprotoException) to bytes that decode to the same value. */
    private static void reencode(Target target, Object decoded) {
        Sproto sp = target == Target.DEEP ? NEST : SP;
        String type = switch (target) {
            case RECORD_ITEM -> "Item";
            case RECORD_BUCKET -> "Bucket";
            case RECORD_ATTR -> "Attr";
            case DEEP -> "N";
            default -> TYPES.get(target.ordinal());
        };
        byte[] bytes;
        try {
            @SuppressWarnings("unchecked")
            byte[] encoded = decoded instanceof Record r ? sp.encode(type, r) : sp.encode(type, (Map<String, ?>) decoded);
            bytes = encoded;
        } catch (SprotoException e) {
            return; // e.g. a decimal too large to encode again
        }
        Object again;
        try {
            again = sp.decode(type, bytes);
        } catch (SprotoException e) {
            throw new AssertionError("re-encoded " + type + " does not decode: " + Hex.of(bytes), e);
        }
        if (!(decoded instanceof Record) && !same(again, decoded)) {
            throw new AssertionError(type + " " + decoded + " re-encoded as " + Hex.of(bytes) + " decodes to " + again);
        }
    }

    /** {@link DeepEquals}, but a decimal may move by a few ulps: integer(N) values pass through a double. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.equals(y) || Math.abs(x - y) <= 4 * Math.ulp(x);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size()
                    && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && same(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return DeepEquals.equal(a, b);
    }
}

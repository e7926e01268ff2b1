package io.skynetspring.core.cluster;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Coverage-guided fuzzing of both assemblers with Jazzer: any sequence of frames either completes
 * messages or ends in a {@link ClusterFrameException} (after which the runtime closes the link), the
 * bytes held stay within maxPending x maxMessage, allocation stays a small multiple of the input,
 * and whatever completes re-encodes through {@link ClusterWire} to frames that decode the same.
 *
 * <p>The input is read as a cluster byte stream: u16 big-endian length, then that many payload bytes
 * (the last frame takes what is left), and the same frames go to a {@link RequestAssembler} and a
 * {@link ResponseAssembler}. Its own surefire execution ({@code fuzz-frames} in the pom) sets
 * {@code JAZZER_FUZZ=1} and mutates for {@code frames.fuzz.duration}; the seeds in
 * {@code ClusterFrameFuzzTestInputs/frameSequences} are the spec's streams. Findings become plain
 * tests in {@link ClusterFrameHostileTest}.
 */
class ClusterFrameFuzzTest {

    private static final int MAX_MESSAGE = 50_000; // the spec's 40,011-byte messages fit
    private static final int MAX_PENDING = 3;
    private static final long BOUND = (long) MAX_PENDING * MAX_MESSAGE;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "20s") // the pom sets jazzer.max_duration from frames.fuzz.duration
    void frameSequences(byte[] input) {
        List<Object> completed = new ArrayList<>();
        long allocated = allocatedBy(() -> run(input, completed));
        // Holding what announcements claim instead of what arrived would cost 150 KB per assembler.
        long budget = 32 * 1024 + 16L * input.length;
        if (allocated > budget) {
            completed.clear();
            // Loading (and instrumenting) a class on a path's first use allocates too; a second run does not.
            allocated = allocatedBy(() -> run(input, completed));
            if (allocated > budget) {
                throw new AssertionError("allocated " + allocated + " bytes for " + input.length + " input bytes, budget "
                        + budget);
            }
        }
        for (Object message : completed) {
            if (message instanceof ClusterRequest r) {
                reencode(r);
            } else {
                reencode((ClusterResponse) message);
            }
        }
    }

    private static long allocatedBy(Runnable action) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    /** Feeds the frames to both assemblers, each until it refuses one; collects what completes. */
    private static void run(byte[] input, List<Object> completed) {
        RequestAssembler requests = new RequestAssembler(MAX_MESSAGE, MAX_PENDING);
        ResponseAssembler replies = new ResponseAssembler(MAX_MESSAGE, MAX_PENDING);
        boolean requestsOpen = true;
        boolean repliesOpen = true;
        int at = 0;
        while (at < input.length && (requestsOpen || repliesOpen)) {
            int length = (input[at] & 0xFF) << 8 | (at + 1 < input.length ? input[at + 1] & 0xFF : 0);
            int from = Math.min(at + 2, input.length);
            at = Math.min(from + length, input.length);
            byte[] payload = Arrays.copyOfRange(input, from, at);
            if (requestsOpen) {
                try {
                    ClusterRequest r = requests.accept(payload);
                    if (r != null) {
                        check(r);
                        completed.add(r);
                    }
                } catch (ClusterFrameException closed) {
                    requestsOpen = false;
                }
                within(requests.pendingBytes(), "request");
            }
            if (repliesOpen) {
                try {
                    ClusterResponse r = replies.accept(payload);
                    if (r != null) {
                        check(r);
                        completed.add(r);
                    }
                } catch (ClusterFrameException closed) {
                    repliesOpen = false;
                }
                within(replies.pendingBytes(), "reply");
            }
        }
    }

    private static void within(long pending, String side) {
        if (pending < 0 || pending > BOUND) {
            throw new AssertionError(side + " assembler holds " + pending + " bytes, bound " + BOUND);
        }
    }

    private static void check(ClusterRequest r) {
        if (r.body() == null || r.name() != null && r.address() != 0) {
            throw new AssertionError("malformed request " + r);
        }
        if (r.invalid() != null && !r.invalid().equals(RequestAssembler.INVALID_LARGE)) {
            throw new AssertionError("unexpected invalid text " + r.invalid());
        }
        if (r.body().length > Math.max(MAX_MESSAGE, 0xFFFF)) {
            throw new AssertionError("request body of " + r.body().length + " bytes");
        }
    }

    private static void check(ClusterResponse r) {
        if (r.ok() ? r.body() == null || r.error() != null : r.body() != null || r.error() == null) {
            throw new AssertionError("malformed reply " + r);
        }
    }

    /** A completed request, encoded again by the Java sender, decodes to the same request. */
    private static void reencode(ClusterRequest r) {
        boolean small = r.body().length < ClusterWire.PART;
        if (r.invalid() != null || !(small && r.push()) && r.session() <= 0) {
            return; // not something a Java caller sends: a failed join, or a call without a valid session
        }
        Object target = r.name() != null ? r.name() : Integer.valueOf(r.address());
        if (r.name() != null) {
            int length = r.name().getBytes(StandardCharsets.UTF_8).length;
            if (length < 1 || length > 255) {
                return; // name bytes that were not UTF-8 decode to replacement characters, which may not fit again
            }
        }
        RequestAssembler again = new RequestAssembler(0x10000, 1); // a small-form frame may hold up to 64 KiB
        ClusterRequest back = null;
        for (byte[] frame : ClusterWire.request(target, r.session(), r.push(), r.body())) {
            back = again.accept(Arrays.copyOfRange(frame, 2, frame.length));
        }
        int session = small && r.push() ? 0 : r.session();
        if (back == null || back.address() != r.address() || !Objects.equals(back.name(), r.name())
                || back.session() != session || back.push() != r.push() || !Arrays.equals(back.body(), r.body())) {
            throw new AssertionError(r + " re-encoded decodes as " + back);
        }
    }

    /** A completed reply, encoded again by the Java callee, decodes to the same reply. */
    private static void reencode(ClusterResponse r) {
        ResponseAssembler again = new ResponseAssembler(0x10000, 1);
        ClusterResponse back = null;
        List<byte[]> frames = r.ok() ? ClusterWire.response(r.session(), r.body()) : List.of(ClusterWire.error(r.session(), r.error()));
        for (byte[] frame : frames) {
            back = again.accept(Arrays.copyOfRange(frame, 2, frame.length));
        }
        boolean same = back != null && back.session() == r.session() && back.ok() == r.ok()
                && (r.ok() ? Arrays.equals(back.body(), r.body())
                        : r.error().getBytes(StandardCharsets.UTF_8).length > ClusterWire.PART || back.error().equals(r.error()));
        if (!same) {
            throw new AssertionError(r + " re-encoded decodes as " + back);
        }
    }
}

package io.skynetspring.core.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The live services of a node by handle, as skynet's handle storage: an array indexed by the low
 * bits of the 24-bit local id. A lookup is one array read with no boxing or hashing, which matters
 * because every send does one; a service costs one array slot rather than a map entry. Adding and
 * removing take the table's lock; lookups take none.
 */
final class HandleTable {

    static final int MAX_ID = 0xFFFFFF;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(ServiceCell[].class);

    private volatile ServiceCell[] slots = new ServiceCell[1024];
    /** The next local id to try; guarded by this. */
    private int next = 1;
    private volatile int count;

    /** The live service with this full handle, or null. */
    ServiceCell get(int handle) {
        ServiceCell[] s = slots;
        ServiceCell c = (ServiceCell) SLOT.getAcquire(s, handle & (s.length - 1));
        return c != null && c.handle == handle ? c : null;
    }

    /**
     * Gives a free local id to {@code make} and stores the service it makes. Ids are handed out in
     * order and skip those still in use, as skynet's do; the table doubles when no slot is free.
     */
    synchronized ServiceCell add(IntFunction<ServiceCell> make) {
        for (;;) {
            ServiceCell[] s = slots;
            int mask = s.length - 1;
            for (int i = 0; i < s.length; i++) {
                int id = (next + i) & MAX_ID;
                if (id == 0) {
                    continue;
                }
                int at = id & mask;
                if (s[at] == null) {
                    next = id + 1;
                    ServiceCell c = make.apply(id);
                    SLOT.setRelease(s, at, c);
                    count++;
                    return c;
                }
            }
            if (s.length > MAX_ID) {
                throw new IllegalStateException("no free service handle: " + count + " services alive");
            }
            grow(s);
        }
    }

    private void grow(ServiceCell[] old) {
        ServiceCell[] bigger = new ServiceCell[old.length * 2];
        int mask = bigger.length - 1;
        for (ServiceCell c : old) {
            if (c != null) {
                bigger[c.handle & mask] = c;
            }
        }
        slots = bigger;
    }

    /** Removes {@code cell} if it is still the one stored under its handle. */
    synchronized boolean remove(ServiceCell cell) {
        ServiceCell[] s = slots;
        int at = cell.handle & (s.length - 1);
        if (s[at] != cell) {
            return false;
        }
        SLOT.setRelease(s, at, null);
        count--;
        return true;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The live services now, in handle order within the table. */
    List<ServiceCell> values() {
        ServiceCell[] s = slots;
        List<ServiceCell> out = new ArrayList<>(Math.min(count, s.length));
        for (int i = 0; i < s.length; i++) {
            ServiceCell c = (ServiceCell) SLOT.getAcquire(s, i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }
}

package io.skynetspring.core.snax;

import java.util.List;
import java.util.Locale;

/**
 * One method of a snax service's interface: its id (what a Lua caller sends as the first value of
 * {@code pack(id, args...)}), name, kind and parameter types (binary names).
 *
 * <pre>{@code snax.methods("login")   // [5 accept registerGate(long, java.lang.String), 6 response login(java.lang.String, java.lang.String)]}</pre>
 */
public record SnaxMethod(int id, String name, Kind kind, List<String> parameterTypes) {

    /** skynet's two method groups: {@code accept.*} (one-way, {@code post}) and {@code response.*} ({@code req}). */
    public enum Kind {
        ACCEPT, RESPONSE;

        /** The annotation's name, as errors show it. */
        public String label() {
            return this == ACCEPT ? "@Accept" : "@Response";
        }
    }

    public SnaxMethod {
        parameterTypes = List.copyOf(parameterTypes);
    }

    @Override
    public String toString() {
        return id + " " + kind.name().toLowerCase(Locale.ROOT) + " " + name + "("
                + String.join(", ", parameterTypes) + ")";
    }
}

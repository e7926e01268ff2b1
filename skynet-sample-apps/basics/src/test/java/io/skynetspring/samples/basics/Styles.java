package io.skynetspring.samples.basics;

import java.util.stream.Stream;

/**
 * The two styles of the seed's section 2 and 3 examples: a Mono-style template ("safecall") and,
 * on Java 21+, its sequential twin ("safecall-seq"). The same test runs against both.
 */
final class Styles {

    static final String BOTH = "io.skynetspring.samples.basics.Styles#suffixes";

    private Styles() {
    }

    static Stream<String> suffixes() {
        return Runtime.version().feature() >= 21 ? Stream.of("", "-seq") : Stream.of("");
    }
}

package io.skynetspring.benchmarks.snax.ledger;

import io.skynetspring.core.snax.Snax;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Versions of {@link Ledger} for hotfixes, compiled at run time with the JDK's compiler into folders,
 * as a build would make them. The source is {@code Ledger.java}'s with another version number.
 */
public final class LedgerVersions {

    private LedgerVersions() {
    }

    /** The source of version {@code n}; version 0 is {@code Ledger.java} itself. */
    public static String source(int n) {
        return """
                package io.skynetspring.benchmarks.snax.ledger;

                import io.skynetspring.core.snax.Response;
                import io.skynetspring.core.snax.SnaxService;

                import java.util.HashMap;
                import java.util.Map;

                /** Checks that every sender's numbered requests arrive once and in order, across hotfixes. Version %d. */
                @SnaxService("ledger")
                public class Ledger {

                    private final Map<Integer, Long> expected = new HashMap<>();
                    private long received;
                    private long duplicated;
                    private long skipped;

                    @Response
                    public long take(int sender, long seq) {
                        long want = expected.getOrDefault(sender, 0L);
                        if (seq < want) {
                            duplicated++;
                        } else {
                            skipped += seq - want;
                            expected.put(sender, seq + 1);
                        }
                        received++;
                        return seq;
                    }

                    @Response
                    public LedgerState state() {
                        return new LedgerState(received, duplicated, skipped);
                    }

                    @Response
                    public int version() {
                        return %d;
                    }
                }
                """.formatted(n, n);
    }

    /** Compiles version {@code n} into {@code out}, against the classes this one was loaded with. */
    public static Path compile(int n, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the load with a JDK, not a JRE");
        }
        String classpath = String.join(File.pathSeparator, location(Ledger.class), location(Snax.class));
        JavaFileObject unit = new SimpleJavaFileObject(
                URI.create("string:///" + Ledger.class.getName().replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source(n);
            }
        };
        StringWriter errors = new StringWriter();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + out + ": " + e.getMessage(), e);
        }
        boolean ok = javac.getTask(errors, javac.getStandardFileManager(null, null, null), null,
                List.of("-d", out.toString(), "-parameters", "-classpath", classpath), null, List.of(unit)).call();
        if (!ok) {
            throw new IllegalStateException("Ledger version " + n + " did not compile:\n" + errors);
        }
        return out;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

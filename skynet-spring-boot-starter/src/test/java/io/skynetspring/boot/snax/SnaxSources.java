package io.skynetspring.boot.snax;

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
import java.util.ArrayList;
import java.util.List;

/** Compiles a new version of a snax class into a folder with the JDK's compiler, as a build would for a hotfix. */
public final class SnaxSources {

    private SnaxSources() {
    }

    /**
     * Compiles {@code source} (the class {@code binaryName}) into {@code out}; the class path is where
     * each of {@code seen} was loaded from.
     */
    public static Path compile(Path out, String binaryName, String source, Class<?>... seen) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> classpath = new ArrayList<>();
        for (Class<?> c : seen) {
            try {
                classpath.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        JavaFileObject unit = new SimpleJavaFileObject(
                URI.create("string:///" + binaryName.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter errors = new StringWriter();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean ok = javac.getTask(errors, javac.getStandardFileManager(null, null, null), null,
                List.of("-d", out.toString(), "-parameters", "-classpath", String.join(File.pathSeparator, classpath)),
                null, List.of(unit)).call();
        if (!ok) {
            throw new IllegalStateException(binaryName + " did not compile:\n" + errors);
        }
        return out;
    }
}

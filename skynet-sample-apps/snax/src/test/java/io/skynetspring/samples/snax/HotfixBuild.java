package io.skynetspring.samples.snax;

import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.Snax;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a hotfix as an operator would: compiles a new version's source from {@code src/hotfix/java}
 * against the running app's classes into a folder, which then goes to {@code snax.hotfix}.
 */
final class HotfixBuild {

    private HotfixBuild() {
    }

    /** Compiles {@code src/hotfix/java/<relative>} into {@code out}. */
    static Path compile(String relative, Path out, Class<?> appClass) throws IOException {
        Path source = Path.of("src/hotfix/java").resolve(relative);
        List<String> classpath = new ArrayList<>();
        for (Class<?> c : List.of(appClass, Snax.class, ServiceContext.class)) {
            classpath.add(location(c));
        }
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean ok = javac.getTask(errors, files, null,
                    List.of("-d", out.toString(), "-parameters", "-classpath", String.join(File.pathSeparator, classpath)),
                    null, files.getJavaFileObjects(source)).call();
            if (!ok) {
                throw new IllegalStateException(source + " did not compile:\n" + errors);
            }
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

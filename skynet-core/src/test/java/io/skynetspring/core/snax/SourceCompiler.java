package io.skynetspring.core.snax;

import io.skynetspring.core.service.ServiceContext;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Compiles versions of a service with the JDK's compiler into folders and jars, as a build would. */
final class SourceCompiler {

    private SourceCompiler() {
    }

    /** Compiles {@code sources} (binary name → source) into {@code out}, with {@code extra} on the class path. */
    static Path compile(Path out, Map<String, String> sources, Path... extra) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        List<String> classpath = new ArrayList<>();
        for (Class<?> c : List.of(Snax.class, ServiceContext.class, Mono.class, Publisher.class, Logger.class,
                SourceCompiler.class)) {
            classpath.add(location(c).toString());
        }
        for (Path p : extra) {
            classpath.add(p.toString());
        }
        StringWriter errors = new StringWriter();
        try {
            Files.createDirectories(out);
            StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
            boolean ok = javac.getTask(errors, files, null,
                    List.of("-d", out.toString(), "-parameters", "-classpath", String.join(java.io.File.pathSeparator, classpath)),
                    null, units).call();
            if (!ok) {
                throw new IllegalStateException("test sources did not compile:\n" + errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The folder's classes as a jar. */
    static Path jar(Path classes, Path jar) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return jar;
    }

    /** A loader for the classes in {@code folder}, over the test's own: how an application would have loaded them. */
    static ClassLoader loader(Path folder) {
        try {
            return new URLClassLoader(new URL[] {folder.toUri().toURL()}, SourceCompiler.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {

        private final String text;

        Source(String name, String text) {
            super(URI.create("string:///" + name.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}

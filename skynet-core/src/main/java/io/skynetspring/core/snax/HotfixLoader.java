package io.skynetspring.core.snax;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fresh class loader for one hotfix: the classes it is asked for first (the service's package,
 * or a patch class) come from the hotfix path when they are there; everything else, and those not
 * in the path, from the parent.
 */
final class HotfixLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private final Predicate<String> childFirst;

    private HotfixLoader(String name, URL url, ClassLoader parent, Predicate<String> childFirst) {
        super(name, new URL[] {url}, parent);
        this.childFirst = childFirst;
    }

    /** A loader over {@code path}, a class folder or a jar; a clear {@link IllegalArgumentException} if it is neither. */
    static HotfixLoader over(Path path, ClassLoader parent, Predicate<String> childFirst) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("hotfix path " + path + " does not exist");
        }
        if (!Files.isDirectory(path) && !(Files.isRegularFile(path) && isArchive(path))) {
            throw new IllegalArgumentException("hotfix path " + path + " is neither a class folder nor a jar");
        }
        try {
            return new HotfixLoader("snax-hotfix-" + IDS.incrementAndGet(), path.toUri().toURL(), parent, childFirst);
        } catch (IOException e) {
            throw new IllegalArgumentException("hotfix path " + path + " cannot be read: " + e, e);
        }
    }

    private static boolean isArchive(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jar") || n.endsWith(".zip");
    }

    /** Whether {@code type} was defined from the hotfix path, not taken from the parent. */
    boolean defined(Class<?> type) {
        return type.getClassLoader() == this;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!childFirst.test(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notInPath) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /** Whether {@code name} is in the package {@code pkg} (nested classes included, subpackages not). */
    static boolean inPackage(String name, String pkg) {
        int dot = name.lastIndexOf('.');
        return pkg.equals(dot < 0 ? "" : name.substring(0, dot));
    }

    /** The loader's name, or its class and identity for one without. */
    static String id(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        return loader.getName() != null ? loader.getName()
                : loader.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(loader));
    }
}

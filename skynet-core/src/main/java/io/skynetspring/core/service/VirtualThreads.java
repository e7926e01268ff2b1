package io.skynetspring.core.service;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for sequential handlers, found at run time: the project is compiled for Java 17,
 * and {@code Thread.ofVirtual()} is the one Java 21 API the feature needs, so it is looked up once
 * here rather than compiled against (docs/sequential.md, "Java 17 and 21").
 */
final class VirtualThreads {

    private static final ThreadFactory FACTORY = lookUp();

    private VirtualThreads() {
    }

    private static ThreadFactory lookUp() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            // the factory, unlike the builder, may be used from several threads at once
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }

    static boolean available() {
        return FACTORY != null;
    }

    /** Why a sequential template cannot run here; names the template and the way out. */
    static String missing(String template) {
        return "service template '" + template + "' is sequential: its handlers run on virtual threads, which need "
                + "Java 21 or later, but this JVM is Java " + Runtime.version() + " (" + System.getProperty("java.home")
                + "). Run the application on Java 21+, or write the service in the Mono style (without sequential)";
    }

    static Thread unstarted(Runnable task) {
        if (FACTORY == null) {
            throw new IllegalStateException(missing("?"));
        }
        return FACTORY.newThread(task);
    }
}

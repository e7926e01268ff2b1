package io.skynetspring.core.service;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads for sequential services, found at run time: the project is compiled for Java 17,
 * and {@code Thread.ofVirtual()} is the one Java 21 API the feature needs, so it is looked up once
 * here rather than compiled against (docs/sequential.md, "Java 17 and 21").
 */
final class VirtualThreads {

    private static final Method OF_VIRTUAL = lookUp("ofVirtual");
    private static final Method NAME = builderMethod("name", String.class);
    private static final Method FACTORY = builderMethod("factory", null);
    /** Factories by node name: thread-safe, and made once, so a new worker costs no reflection. */
    private static final java.util.concurrent.ConcurrentHashMap<String, ThreadFactory> FACTORIES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private VirtualThreads() {
    }

    private static Method lookUp(String method) {
        try {
            return Thread.class.getMethod(method);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }

    private static Method builderMethod(String method, Class<?> parameter) {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            return OF_VIRTUAL == null ? null
                    : parameter == null ? builder.getMethod(method) : builder.getMethod(method, parameter);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }

    static boolean available() {
        return OF_VIRTUAL != null;
    }

    /** Why a sequential template cannot run here; names the template and the way out. */
    static String missing(String template) {
        return "service template '" + template + "' is sequential: its handlers run on virtual threads, which need "
                + "Java 21 or later, but this JVM is Java " + Runtime.version() + " (" + System.getProperty("java.home")
                + "). Run the application on Java 21+, or write the service in the Mono style (without sequential)";
    }

    /** An unstarted virtual thread named {@code <node>-virtual-worker}, running {@code task}. */
    static Thread worker(String node, Runnable task) {
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException(missing("?"));
        }
        return FACTORIES.computeIfAbsent(node, VirtualThreads::factory).newThread(task);
    }

    private static ThreadFactory factory(String node) {
        try {
            Object builder = NAME.invoke(OF_VIRTUAL.invoke(null), node + "-virtual-worker");
            return (ThreadFactory) FACTORY.invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a virtual thread on Java " + Runtime.version(), e);
        }
    }
}

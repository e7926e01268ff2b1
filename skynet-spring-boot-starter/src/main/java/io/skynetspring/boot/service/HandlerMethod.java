package io.skynetspring.boot.service;

import org.springframework.util.ReflectionUtils;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** One {@code @Command}, {@code @Init} or {@code @Exit} method with its parameter binding, built once per class. */
final class HandlerMethod {

    private final String label;
    private final Method method;
    private final Parameters parameters;

    HandlerMethod(String label, String name, Method method) {
        this.label = label;
        this.method = method;
        this.parameters = Parameters.of(name, method);
        ReflectionUtils.makeAccessible(method);
    }

    Method method() {
        return method;
    }

    Parameters parameters() {
        return parameters;
    }

    /** Binds {@code args} and invokes; what the method throws is rethrown as is, for the caller to see. */
    Object invoke(Object target, Object[] args) throws Exception {
        Object[] bound = parameters.bind(label, args);
        try {
            return method.invoke(target, bound);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}

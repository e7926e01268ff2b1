package io.skynetspring.boot.service;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Exit;
import io.skynetspring.boot.Init;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * skynet's {@code CMD} table for one {@code @SkynetService} class: its commands by name and its
 * lifecycle methods. Built once per class when the template is installed, so a bad declaration
 * fails startup instead of the first message.
 */
final class CommandTable {

    private final Map<String, HandlerMethod> commands;
    private final HandlerMethod init;
    private final HandlerMethod exit;

    private CommandTable(Map<String, HandlerMethod> commands, HandlerMethod init, HandlerMethod exit) {
        this.commands = commands;
        this.init = init;
        this.exit = exit;
    }

    static CommandTable of(Class<?> type) {
        Map<String, HandlerMethod> commands = new TreeMap<>();
        annotated(type, Command.class).forEach((method, command) -> {
            String name = command.value().isEmpty() ? method.getName() : command.value();
            HandlerMethod prior = commands.put(name, new HandlerMethod("command '" + name + "'", name, method));
            if (prior != null) {
                throw new IllegalStateException(type.getName() + " has two @Command methods named '" + name + "' ("
                        + prior.method().getName() + " and " + method.getName() + "); overloads are not supported, "
                        + "give one of them another name with @Command(\"...\")");
            }
        });
        HandlerMethod init = single(type, Init.class);
        HandlerMethod exit = single(type, Exit.class);
        if (exit != null && exit.parameters().count() > 0) {
            throw new IllegalStateException("@Exit method " + type.getName() + "." + exit.method().getName()
                    + " must take no parameters");
        }
        return new CommandTable(commands, init, exit);
    }

    private static HandlerMethod single(Class<?> type, Class<? extends Annotation> annotation) {
        Set<Method> methods = annotated(type, annotation).keySet();
        if (methods.size() > 1) {
            throw new IllegalStateException(type.getName() + " has " + methods.size() + " @"
                    + annotation.getSimpleName() + " methods; declare at most one");
        }
        if (methods.isEmpty()) {
            return null;
        }
        Method m = methods.iterator().next();
        String label = annotation.getSimpleName().toLowerCase();
        return new HandlerMethod(label, m.getName(), m);
    }

    private static <A extends Annotation> Map<Method, A> annotated(Class<?> type, Class<A> annotation) {
        Map<Method, A> found = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<A>) m -> AnnotatedElementUtils.findMergedAnnotation(m, annotation));
        for (Method m : found.keySet()) {
            if (Modifier.isStatic(m.getModifiers())) {
                throw new IllegalStateException("@" + annotation.getSimpleName() + " method " + type.getName() + "."
                        + m.getName() + " must not be static: it runs on the service's own instance");
            }
        }
        return found;
    }

    /** The command handler, or null for an unknown command. */
    HandlerMethod command(String name) {
        return commands.get(name);
    }

    Set<String> commandNames() {
        return commands.keySet();
    }

    HandlerMethod init() {
        return init;
    }

    HandlerMethod exit() {
        return exit;
    }
}

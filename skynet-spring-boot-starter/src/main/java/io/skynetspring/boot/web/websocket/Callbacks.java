package io.skynetspring.boot.web.websocket;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.service.ServiceDefinitions;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket commands one route's service class declares, with how many leading arguments each
 * takes: a command may leave off trailing arguments it has no use for, as a Lua function may.
 */
final class Callbacks {

    static final Set<String> NAMES = Set.of("connect", "handshake", "message", "ping", "pong", "error", "close");

    private final String path;
    private final String template;
    private final Map<String, Integer> arity;

    private Callbacks(String path, String template, Map<String, Integer> arity) {
        this.path = path;
        this.template = template;
        this.arity = arity;
    }

    static Callbacks of(String path, ServiceDefinitions.Definition d) {
        Map<String, Integer> arity = new HashMap<>();
        Map<Method, Command> commands = MethodIntrospector.selectMethods(d.type(),
                (MethodIntrospector.MetadataLookup<Command>) m -> AnnotatedElementUtils.findMergedAnnotation(m, Command.class));
        commands.forEach((method, command) -> {
            String name = command.value().isEmpty() ? method.getName() : command.value();
            if (NAMES.contains(name)) {
                arity.put(name, method.isVarArgs() ? Integer.MAX_VALUE : method.getParameterCount());
            }
        });
        return new Callbacks(path, d.template(), arity);
    }

    String path() {
        return path;
    }

    String template() {
        return template;
    }

    boolean has(String command) {
        return arity.containsKey(command);
    }

    /** The leading arguments {@code command} declares parameters for. */
    Object[] args(String command, Object... all) {
        int n = arity.getOrDefault(command, 0);
        return n >= all.length ? all : Arrays.copyOf(all, n);
    }
}

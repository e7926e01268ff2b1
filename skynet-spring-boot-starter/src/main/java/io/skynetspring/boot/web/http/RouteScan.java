package io.skynetspring.boot.web.http;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.service.ServiceDefinitions;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Finds the {@link HttpRoute} methods of the {@code @SkynetService} classes, failing startup on a bad one. */
public final class RouteScan {

    private RouteScan() {
    }

    public static List<ServiceRoutes.Route> routes(ServiceDefinitions definitions) {
        List<ServiceRoutes.Route> routes = new ArrayList<>();
        for (ServiceDefinitions.Definition d : definitions.all()) {
            Map<Method, HttpRoute> found = MethodIntrospector.selectMethods(d.type(),
                    (MethodIntrospector.MetadataLookup<HttpRoute>) m -> AnnotatedElementUtils.findMergedAnnotation(m, HttpRoute.class));
            found.forEach((method, route) -> routes.add(route(d, method, route)));
        }
        return routes;
    }

    private static ServiceRoutes.Route route(ServiceDefinitions.Definition d, Method method, HttpRoute route) {
        String where = "@HttpRoute(\"" + route.value() + "\") on " + d.type().getName() + "." + method.getName();
        Command command = AnnotatedElementUtils.findMergedAnnotation(method, Command.class);
        if (command == null) {
            throw new IllegalStateException(where + " is not a @Command: add @Command, the route calls it as one");
        }
        if (method.getParameterCount() > 1 || (method.getParameterCount() == 1
                && !method.getParameterTypes()[0].isAssignableFrom(HttpRequest.class))) {
            throw new IllegalStateException(where + " must take no parameter or one HttpRequest");
        }
        String name = command.value().isEmpty() ? method.getName() : command.value();
        return new ServiceRoutes.Route(route.value(), Arrays.asList(route.method()), d.template(), name,
                method.getParameterCount() == 1);
    }
}

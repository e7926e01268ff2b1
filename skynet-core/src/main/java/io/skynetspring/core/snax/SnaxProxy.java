package io.skynetspring.core.snax;

import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.snax.SnaxMethod.Kind;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * A typed view of a snax service ({@link Snax#bind}): each interface method is checked against the
 * service's table once, at bind time, and then becomes a {@code post} or a {@code req}.
 */
final class SnaxProxy implements InvocationHandler {

    private enum Reply { POST, MONO, STAGE, PLAIN }

    private record Plan(String name, Reply reply, Class<?> type, String label) {
    }

    private final Snax snax;
    private final SnaxHandle handle;
    private final Class<?> api;
    private final Map<Method, Plan> plans;

    private SnaxProxy(Snax snax, SnaxHandle handle, Class<?> api, Map<Method, Plan> plans) {
        this.snax = snax;
        this.handle = handle;
        this.api = api;
        this.plans = plans;
    }

    static <T> T bind(Snax snax, SnaxHandle handle, Class<T> api, SnaxInterface iface) {
        if (!api.isInterface()) {
            throw new SnaxBindException(api.getName() + " is not an interface; bind takes an interface whose methods "
                    + "name the service's methods");
        }
        Map<Method, Plan> plans = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Method m : api.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String problem = check(m, iface, handle.name(), plans);
            if (problem != null) {
                problems.add(api.getSimpleName() + "." + m.getName() + ": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new SnaxBindException("cannot bind " + api.getName() + " to snax service " + handle.name() + ": "
                    + String.join("; ", problems));
        }
        Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                new SnaxProxy(snax, handle, api, plans));
        return api.cast(proxy);
    }

    /** Why {@code m} cannot call the service, or null when it can; records how it will. */
    private static String check(Method m, SnaxInterface iface, String service, Map<Method, Plan> plans) {
        SnaxFunction f = iface.byName(m.getName());
        if (f == null) {
            return "snax service " + service + " has no method '" + m.getName() + "' (" + iface.listing() + ")";
        }
        Class<?> returns = m.getReturnType();
        Reply reply;
        Class<?> type = Object.class;
        if (returns == void.class) {
            reply = Reply.POST;
        } else if (returns == Mono.class || returns == CompletionStage.class) {
            reply = returns == Mono.class ? Reply.MONO : Reply.STAGE;
            type = typeArgument(m.getGenericReturnType());
        } else if (Publisher.class.isAssignableFrom(returns)) {
            return "returns " + returns.getSimpleName() + ", but a snax reply is one value: declare Mono<...>";
        } else {
            reply = Reply.PLAIN;
            type = returns;
        }
        Kind wanted = reply == Reply.POST ? Kind.ACCEPT : Kind.RESPONSE;
        if (f.kind != wanted) {
            return f.kind == Kind.ACCEPT
                    ? "'" + f.name + "' is an @Accept method (one-way), so its interface method must return void"
                    : "'" + f.name + "' is a @Response method, so its interface method must return Mono<...>, "
                            + "CompletionStage<...> or a value; void would post it and drop the reply";
        }
        String params = parameterMismatch(m, f);
        if (params != null) {
            return params;
        }
        plans.put(m, new Plan(f.name, reply, type, m.getDeclaringClass().getSimpleName() + "." + m.getName()));
        return null;
    }

    private static Class<?> typeArgument(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof ParameterizedType inner
                && inner.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static String parameterMismatch(Method m, SnaxFunction f) {
        Class<?>[] given = m.getParameterTypes();
        Arguments wanted = f.arguments;
        int fixed = wanted.varargs() ? wanted.count() - 1 : wanted.count();
        boolean countFits = wanted.varargs() ? given.length >= fixed : given.length == wanted.count();
        if (!countFits) {
            return "takes " + given.length + " parameter" + (given.length == 1 ? "" : "s") + " but the service's is "
                    + wanted.usage();
        }
        for (int i = 0; i < given.length; i++) {
            Class<?> target;
            if (i < fixed) {
                target = wanted.type(i);
            } else if (given.length == wanted.count() && given[i].isArray()) {
                target = wanted.type(i);   // the varargs array itself
            } else {
                target = wanted.type(wanted.count() - 1).getComponentType();
            }
            if (!fits(given[i], target)) {
                return "parameter " + (i + 1) + " is " + given[i].getSimpleName() + " but the service's "
                        + wanted.usage() + " takes " + target.getSimpleName() + " there";
            }
        }
        return null;
    }

    /** Whether a value of {@code given} can bind to {@code target}: assignable, or both numbers (converted as Lua does). */
    private static boolean fits(Class<?> given, Class<?> target) {
        Class<?> g = LuaValues.boxed(given);
        Class<?> t = LuaValues.boxed(target);
        return t.isAssignableFrom(g) || (Number.class.isAssignableFrom(g) && Number.class.isAssignableFrom(t));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> api.getSimpleName() + " bound to " + handle;
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Plan plan = plans.get(method);
        Object[] a = args == null ? new Object[0] : args;
        return switch (plan.reply) {
            case POST -> {
                snax.post(handle, plan.name, a);
                yield null;
            }
            case MONO -> plan.type == Void.class ? snax.req(handle, plan.name, a).then()
                    : snax.req(handle, plan.name, plan.type, a);
            case STAGE -> snax.req(handle, plan.name, plan.type, a).toFuture();
            case PLAIN -> blockingReq(plan, method.getReturnType(), a);
        };
    }

    private Object blockingReq(Plan plan, Class<?> returns, Object[] args) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException(plan.label + " returns a plain " + returns.getSimpleName() + ", which waits "
                    + "for the reply, and thread '" + Thread.currentThread().getName() + "' must not block (a service "
                    + "or an event loop): declare it Mono<" + LuaValues.boxed(returns).getSimpleName() + "> and chain on it");
        }
        Object value = snax.req(handle, plan.name, LuaValues.boxed(returns), args).block();
        if (value == null && returns.isPrimitive()) {
            throw new ServiceException(handle.address(), handle.name(), plan.name,
                    "the reply was nil, which " + plan.label + " cannot return as a " + returns.getSimpleName(), null);
        }
        return value;
    }
}

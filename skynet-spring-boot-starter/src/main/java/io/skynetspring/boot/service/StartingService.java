package io.skynetspring.boot.service;

import io.skynetspring.core.service.ServiceContext;
import org.springframework.beans.factory.ObjectFactory;

import java.util.function.Supplier;

/**
 * The context of the service whose instance is being created on this thread. A template creates
 * its instance inside the new service's own mailbox drain, so a thread-local is exactly as wide as
 * the constructor call that needs it. Public for the snax registrations, which make instances the
 * same way.
 *
 * <pre>{@code Object instance = StartingService.with(ctx, () -> beanFactory.getBean(beanName));}</pre>
 */
public final class StartingService {

    private static final ThreadLocal<ServiceContext> CURRENT = new ThreadLocal<>();

    /**
     * Resolves {@code ServiceContext} injection points. It must not be {@code Serializable}: Spring
     * would then inject a lazy proxy that reads the thread-local later, when it is long gone.
     */
    static final ObjectFactory<ServiceContext> CONTEXT = () -> {
        ServiceContext ctx = CURRENT.get();
        if (ctx == null) {
            throw new IllegalStateException("a ServiceContext can only be injected into a @SkynetService class "
                    + "(or a @SnaxService class), whose instances are made by newService; inject Skynet (the runtime) "
                    + "into other beans");
        }
        return ctx;
    };

    private StartingService() {
    }

    /** Runs {@code creation} with {@code ctx} as what a {@code ServiceContext} injection point receives. */
    public static <T> T with(ServiceContext ctx, Supplier<T> creation) {
        ServiceContext outer = CURRENT.get();
        CURRENT.set(ctx);
        try {
            return creation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}

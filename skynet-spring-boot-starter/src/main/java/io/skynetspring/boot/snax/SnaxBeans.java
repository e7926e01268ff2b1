package io.skynetspring.boot.snax;

import io.skynetspring.boot.service.StartingService;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.snax.SnaxInstantiator;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.MergedAnnotations;

import java.lang.reflect.Constructor;

/**
 * Makes the instances of one {@code @SnaxService} class. The class itself is a prototype bean, so its
 * instances are full Spring beans. A hotfix version comes from its own class loader, outside Spring:
 * it gets constructor injection only, each parameter resolved as Spring resolves it (beans, qualifiers,
 * {@code @Value}, {@code ObjectProvider}, the service's {@link ServiceContext}, the {@code Snax}); no
 * field or setter injection, no {@code @PostConstruct}, no proxies.
 *
 * <pre>{@code snax.register("login", LoginService.class, new SnaxBeans(beanName, LoginService.class, beanFactory));}</pre>
 */
final class SnaxBeans implements SnaxInstantiator {

    private final String beanName;
    private final Class<?> type;
    private final ConfigurableListableBeanFactory beanFactory;

    SnaxBeans(String beanName, Class<?> type, ConfigurableListableBeanFactory beanFactory) {
        this.beanName = beanName;
        this.type = type;
        this.beanFactory = beanFactory;
    }

    @Override
    public Object create(Class<?> version, ServiceContext ctx) {
        if (version == type) {
            return StartingService.with(ctx, () -> beanFactory.getBean(beanName));
        }
        return StartingService.with(ctx, () -> construct(version));
    }

    private Object construct(Class<?> version) {
        Constructor<?> constructor = constructorOf(version);
        Class<?>[] types = constructor.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            DependencyDescriptor parameter = new DependencyDescriptor(MethodParameter.forExecutable(constructor, i), true);
            try {
                args[i] = beanFactory.resolveDependency(parameter, null);
            } catch (BeansException e) {
                throw new IllegalStateException("parameter " + (i + 1) + " (" + types[i].getName() + ") of the new "
                        + "version's constructor cannot be injected: " + e.getMessage() + "; a hotfix version gets "
                        + "beans of the running application, its ServiceContext and the Snax, by constructor only", e);
            }
        }
        return BeanUtils.instantiateClass(constructor, args);
    }

    /** The constructor Spring would pick for a prototype bean: the {@code @Autowired} one, the only one, or the no-argument one. */
    private static Constructor<?> constructorOf(Class<?> version) {
        Constructor<?> autowired = null;
        for (Constructor<?> c : version.getDeclaredConstructors()) {
            if (MergedAnnotations.from(c).isPresent(Autowired.class)) {
                if (autowired != null) {
                    throw new IllegalStateException("the new version of " + version.getName()
                            + " has two @Autowired constructors; mark one");
                }
                autowired = c;
            }
        }
        if (autowired != null) {
            return autowired;
        }
        try {
            return BeanUtils.getResolvableConstructor(version);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the new version of " + version.getName() + " has several constructors "
                    + "and none is @Autowired or without parameters; give it one constructor, or mark one @Autowired", e);
        }
    }
}

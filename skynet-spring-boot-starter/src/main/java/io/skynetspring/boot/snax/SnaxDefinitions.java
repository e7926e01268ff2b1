package io.skynetspring.boot.snax;

import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxService;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScans;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the {@link SnaxService} classes where component scanning looks (the packages of every
 * {@code @ComponentScan}, {@code @SpringBootApplication}'s included, and Boot's auto-configuration
 * packages) and among the bean definitions ({@code @Import}, registered beans), and makes each a
 * prototype bean that no other bean can inject: its instances exist only as snax services.
 *
 * <pre>{@code definitions.all()   // [Definition[name=login, beanName=com.example.LoginService, type=...]]}</pre>
 */
public final class SnaxDefinitions implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        ResourceLoaderAware {

    /** One {@code @SnaxService} class: its snax name and the bean that makes its first instances. */
    public record Definition(String name, String beanName, Class<?> type) {
    }

    private final Map<String, Definition> byName = new LinkedHashMap<>();
    private Environment environment = new StandardEnvironment();
    private ResourceLoader resourceLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setResourceLoader(ResourceLoader resourceLoader) {
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        Set<String> defined = new HashSet<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            String className = registry.getBeanDefinition(beanName).getBeanClassName();
            if (className != null) {
                defined.add(className);
            }
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment);
        scanner.addIncludeFilter(new AnnotationTypeFilter(SnaxService.class));
        if (resourceLoader != null) {
            scanner.setResourceLoader(resourceLoader);
        }
        for (String pkg : scannedPackages(registry)) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
                String className = candidate.getBeanClassName();
                if (className != null && defined.add(className)) {
                    registry.registerBeanDefinition(className, candidate);
                }
            }
        }
    }

    /** The packages component scanning covers: those of the {@code @ComponentScan}s, and Boot's auto-configuration packages. */
    private Set<String> scannedPackages(BeanDefinitionRegistry registry) {
        Set<String> packages = new LinkedHashSet<>();
        if (registry instanceof BeanFactory beanFactory && AutoConfigurationPackages.has(beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        for (String beanName : registry.getBeanDefinitionNames()) {
            if (!(registry.getBeanDefinition(beanName) instanceof AnnotatedBeanDefinition annotated)) {
                continue;
            }
            var metadata = annotated.getMetadata();
            Set<AnnotationAttributes> scans = metadata.getMergedRepeatableAnnotationAttributes(ComponentScan.class,
                    ComponentScans.class, true);
            for (AnnotationAttributes scan : scans) {
                String[] basePackages = scan.getStringArray("basePackages");
                String[] basePackageClasses = scan.getStringArray("basePackageClasses");
                for (String pkg : basePackages) {
                    Collections.addAll(packages, StringUtils.tokenizeToStringArray(
                            environment.resolvePlaceholders(pkg), ",; \t\n"));
                }
                for (String type : basePackageClasses) {
                    packages.add(ClassUtils.getPackageName(type));
                }
                if (basePackages.length == 0 && basePackageClasses.length == 0) {
                    packages.add(ClassUtils.getPackageName(metadata.getClassName()));
                }
            }
        }
        return packages;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition bd = beanFactory.getBeanDefinition(beanName);
            Class<?> type = snaxClass(bd, beanFactory.getBeanClassLoader());
            if (type == null) {
                continue;
            }
            if (AnnotatedElementUtils.hasAnnotation(type, SkynetService.class)) {
                throw new IllegalStateException(type.getName() + " is both a @SkynetService and a @SnaxService; "
                        + "a class is one or the other: keep @SnaxService for accept/response methods and hot update, "
                        + "@SkynetService for @Command methods");
            }
            String name = Snax.nameOf(type);
            Definition prior = byName.putIfAbsent(name, new Definition(name, beanName, type));
            if (prior != null) {
                throw new IllegalStateException("two @SnaxService classes define the snax service '" + name + "': "
                        + prior.type().getName() + " and " + type.getName()
                        + "; give one of them another name with @SnaxService(\"...\")");
            }
            bd.setScope(BeanDefinition.SCOPE_PROTOTYPE);
            // an instance belongs to its service's mailbox; injecting one elsewhere would share its state
            bd.setAutowireCandidate(false);
        }
    }

    private static Class<?> snaxClass(BeanDefinition bd, ClassLoader classLoader) {
        if (bd.getFactoryMethodName() != null) {
            return null;
        }
        if (bd instanceof AnnotatedBeanDefinition annotated) {
            if (!annotated.getMetadata().isAnnotated(SnaxService.class.getName())) {
                return null;
            }
            return ClassUtils.resolveClassName(annotated.getMetadata().getClassName(), classLoader);
        }
        if (bd instanceof AbstractBeanDefinition abd && abd.hasBeanClass()
                && abd.getBeanClass().isAnnotationPresent(SnaxService.class)) {
            return abd.getBeanClass();
        }
        return null;
    }

    /** Every {@code @SnaxService} class of the context, in the order they were found. */
    public Collection<Definition> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}

package io.skynetspring.boot.service;

import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceTemplate;
import org.slf4j.event.Level;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the {@link SkynetService} classes among the bean definitions (component scanning,
 * {@code @Import}, registered beans) and makes each a prototype that no other bean can inject:
 * instances exist only as services. Also lets those classes inject their own {@link ServiceContext}.
 *
 * <pre>{@code Map<String, ServiceTemplate> templates = definitions.templates(beanFactory, name -> null);}</pre>
 */
public final class ServiceDefinitions implements BeanFactoryPostProcessor {

    /** One {@code @SkynetService} class: the template it defines and the bean that makes instances. */
    public record Definition(String template, String beanName, Class<?> type, MailboxLimit declaredLimit,
                             Level declaredErrorLogLevel, String clusterName) {
    }

    private final Map<String, Definition> byTemplate = new LinkedHashMap<>();

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        beanFactory.registerResolvableDependency(ServiceContext.class, StartingService.CONTEXT);
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition bd = beanFactory.getBeanDefinition(beanName);
            Class<?> type = serviceClass(bd, beanFactory.getBeanClassLoader());
            if (type == null) {
                continue;
            }
            SkynetService service = AnnotatedElementUtils.findMergedAnnotation(type, SkynetService.class);
            String template = service.value().isEmpty()
                    ? StringUtils.uncapitalizeAsProperty(type.getSimpleName()) : service.value();
            MailboxLimit limit = service.mailboxCapacity() > 0
                    ? MailboxLimit.of(service.mailboxCapacity(), service.overflow()) : MailboxLimit.UNBOUNDED;
            Definition prior = byTemplate.putIfAbsent(template, new Definition(template, beanName, type, limit,
                    service.errorLogLevel(), service.clusterName()));
            if (prior != null) {
                throw new IllegalStateException("two @SkynetService classes define the service template '" + template
                        + "': " + prior.type().getName() + " and " + type.getName()
                        + "; give one of them another name with @SkynetService(\"...\")");
            }
            bd.setScope(BeanDefinition.SCOPE_PROTOTYPE);
            // an instance belongs to its service's mailbox; injecting one elsewhere would share its state
            bd.setAutowireCandidate(false);
        }
    }

    private static Class<?> serviceClass(BeanDefinition bd, ClassLoader classLoader) {
        if (bd.getFactoryMethodName() != null) {
            return null;
        }
        if (bd instanceof AnnotatedBeanDefinition annotated) {
            if (!annotated.getMetadata().isAnnotated(SkynetService.class.getName())) {
                return null;
            }
            return ClassUtils.resolveClassName(annotated.getMetadata().getClassName(), classLoader);
        }
        if (bd instanceof AbstractBeanDefinition abd && abd.hasBeanClass()
                && AnnotatedElementUtils.hasAnnotation(abd.getBeanClass(), SkynetService.class)) {
            return abd.getBeanClass();
        }
        return null;
    }

    public Collection<Definition> all() {
        return Collections.unmodifiableCollection(byTemplate.values());
    }

    /**
     * A template per definition, their command tables built now so that bad declarations fail
     * startup. {@code mailboxOverride} may return a bound that replaces the declared one, or null.
     */
    public Map<String, ServiceTemplate> templates(BeanFactory beanFactory,
                                                  Function<String, MailboxLimit> mailboxOverride) {
        return templates(beanFactory, mailboxOverride, name -> null);
    }

    /**
     * As {@link #templates(BeanFactory, Function)}; {@code errorLogOverride} may return the level that
     * replaces the declared {@link SkynetService#errorLogLevel()}, or null.
     */
    public Map<String, ServiceTemplate> templates(BeanFactory beanFactory,
                                                  Function<String, MailboxLimit> mailboxOverride,
                                                  Function<String, Level> errorLogOverride) {
        Map<String, ServiceTemplate> templates = new LinkedHashMap<>();
        for (Definition d : byTemplate.values()) {
            MailboxLimit override = mailboxOverride.apply(d.template());
            Level errorLog = errorLogOverride.apply(d.template());
            SkynetService service = AnnotatedElementUtils.findMergedAnnotation(d.type(), SkynetService.class);
            templates.put(d.template(), new BeanTemplate(d.beanName(), beanFactory, CommandTable.of(d.type()),
                    override != null ? override : d.declaredLimit(),
                    errorLog != null ? errorLog : d.declaredErrorLogLevel(), service.isolation(),
                    service.sequential()));
        }
        return templates;
    }
}

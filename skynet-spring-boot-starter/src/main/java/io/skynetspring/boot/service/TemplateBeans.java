package io.skynetspring.boot.service;

import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.springframework.beans.factory.ListableBeanFactory;

import java.util.Map;
import java.util.function.Function;

/**
 * The {@link ServiceTemplate} beans of the context, each a service template named after its bean:
 * how a Boot application registers a hand-written handler or skynet-core's gate without a
 * {@code @SkynetService} class. Only singleton beans count; a template bean must not inject the
 * {@code SkynetRuntime} (it is registered while the runtime is made; a service reaches the runtime
 * through its {@link ServiceContext}).
 *
 * <pre>{@code @Bean ServiceTemplate gate() { return Gate.template(); }   // skynet.newService("gate")}</pre>
 */
public final class TemplateBeans {

    private TemplateBeans() {
    }

    /**
     * Adds every {@code ServiceTemplate} bean to {@code templates} under its bean name; a name already
     * there (a {@code @SkynetService} template of {@code definitions}) fails the start.
     * {@code mailboxOverride} may return a bound that replaces the template's own, or null.
     */
    public static void addTo(Map<String, ServiceTemplate> templates, ServiceDefinitions definitions,
                             ListableBeanFactory beanFactory, Function<String, MailboxLimit> mailboxOverride) {
        beanFactory.getBeansOfType(ServiceTemplate.class, false, true).forEach((name, template) -> {
            if (templates.containsKey(name)) {
                throw new IllegalStateException("the service template '" + name + "' is defined twice: by the "
                        + "ServiceTemplate bean '" + name + "' and by " + definedBy(definitions, name)
                        + "; rename the bean or give the class another name with @SkynetService(\"...\")");
            }
            MailboxLimit override = mailboxOverride.apply(name);
            templates.put(name, override == null ? template : new Bounded(template, override));
        });
    }

    private static String definedBy(ServiceDefinitions definitions, String template) {
        return definitions.all().stream().filter(d -> d.template().equals(template)).findFirst()
                .map(d -> "the @SkynetService class " + d.type().getName()).orElse("another template");
    }

    /** A template whose mailbox bound comes from {@code skynet.mailbox.<name>} instead of its own. */
    private record Bounded(ServiceTemplate template, MailboxLimit limit) implements ServiceTemplate {
        @Override
        public ServiceHandler create(ServiceContext ctx) throws Exception {
            return template.create(ctx);
        }

        @Override
        public MailboxLimit mailboxLimit() {
            return limit;
        }
    }
}

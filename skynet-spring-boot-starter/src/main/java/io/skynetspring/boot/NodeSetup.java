package io.skynetspring.boot;

import io.skynetspring.boot.cluster.ClusterNames;
import io.skynetspring.boot.service.ServiceDefinitions;
import io.skynetspring.boot.service.TemplateBeans;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepares every {@link SkynetRuntime} bean the way skynet's bootstrap prepares a node: the env
 * entries of {@code skynet.env} first, then the {@code @SkynetService} templates and the
 * {@code ServiceTemplate} beans (named after the bean). Done as the bean
 * is created, so whoever gets the runtime, including a user-defined one, can start services at once.
 */
final class NodeSetup implements BeanPostProcessor, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(NodeSetup.class);

    private final ServiceDefinitions definitions;
    private final ObjectProvider<SkynetProperties> properties;
    private final ObjectProvider<ClusterNames> clusterNames;
    private BeanFactory beanFactory;

    NodeSetup(ServiceDefinitions definitions, ObjectProvider<SkynetProperties> properties,
              ObjectProvider<ClusterNames> clusterNames) {
        this.definitions = definitions;
        this.properties = properties;
        this.clusterNames = clusterNames;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof SkynetRuntime runtime) {
            try {
                setUp(runtime);
            } catch (RuntimeException e) {
                // the bean never reaches the context, so nobody else would stop its workers
                runtime.shutdown(Duration.ZERO);
                throw e;
            }
        }
        return bean;
    }

    private void setUp(SkynetRuntime runtime) {
        SkynetProperties props = properties.getObject();
        props.getEnv().forEach((key, value) -> {
            try {
                runtime.setenv(key, value);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("skynet.env." + key + ": " + e.getMessage()
                        + "; the runtime already has this key, remove it from skynet.env", e);
            }
        });
        Map<String, ServiceTemplate> templates = definitions.templates(beanFactory, name -> mailbox(props, name),
                name -> props.getErrorLogLevel().get(name));
        if (beanFactory instanceof ListableBeanFactory listable) {
            TemplateBeans.addTo(templates, definitions, listable, name -> mailbox(props, name));
        }
        ClusterNames names = clusterNames.getIfAvailable();
        if (names != null) {
            names.checkTemplates(templates.keySet());
            Map<String, String> declared = new HashMap<>();
            definitions.all().forEach(d -> declared.put(d.template(), d.clusterName()));
            templates.replaceAll((name, template) -> names.wrap(name, declared.get(name), template));
        }
        templates.forEach(runtime::template);
        log.info("skynet: node {} ready with {} worker(s), service templates {}", runtime.settings().nodeId(),
                runtime.settings().workers(), templates.keySet());
    }

    private static MailboxLimit mailbox(SkynetProperties props, String template) {
        SkynetProperties.Mailbox m = props.getMailbox().get(template);
        if (m == null || m.getCapacity() <= 0) {
            return null;
        }
        return MailboxLimit.of(m.getCapacity(), m.getOverflow());
    }
}

package io.skynetspring.boot.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cluster names of service templates ({@code skynet.cluster.register.<template>} over
 * {@code @SkynetService(clusterName)}): the first instance of such a template registers itself under
 * the name when its init has finished, and unregisters when it exits. A later instance finds the
 * name taken and leaves it (one DEBUG line); a killed holder runs no exit, so the next instance that
 * starts takes the name over.
 *
 * <pre>{@code runtime.template("db", names.wrap("db", "", template));}</pre>
 */
public final class ClusterNames {

    private static final Logger log = LoggerFactory.getLogger(ClusterNames.class);

    private final Map<String, String> byTemplate;
    // instances that started before the cluster bean existed; at most one per name
    private final Map<String, Address> early = new LinkedHashMap<>();
    private Cluster cluster;
    private SkynetRuntime runtime;

    public ClusterNames(Map<String, String> byTemplate) {
        Map<String, String> names = new LinkedHashMap<>();
        byTemplate.forEach((template, name) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("skynet.cluster.register." + template + " is empty: give the "
                        + "cluster name the template's first instance registers, e.g. skynet.cluster.register."
                        + template + "=" + template);
            }
            names.put(template, name.trim());
        });
        this.byTemplate = names;
    }

    /** The cluster name of {@code template}: the property's, else {@code declared} (the annotation's), else null. */
    public String nameOf(String template, String declared) {
        String name = byTemplate.get(template);
        if (name != null) {
            return name;
        }
        return declared == null || declared.isBlank() ? null : declared;
    }

    /** Fails when {@code skynet.cluster.register} names a template the node does not have. */
    public void checkTemplates(Set<String> templates) {
        for (String template : byTemplate.keySet()) {
            if (!templates.contains(template)) {
                throw new IllegalStateException("skynet.cluster.register." + template + ": no service template '"
                        + template + "'; the templates are " + templates);
            }
        }
    }

    /** {@code template} as it is, or registering its first instance when it has a cluster name. */
    public ServiceTemplate wrap(String template, String declared, ServiceTemplate inner) {
        String name = nameOf(template, declared);
        return name == null ? inner : new RegisteringTemplate(inner, name, this);
    }

    /** Connects the names to the running cluster; instances that started before register now. */
    public synchronized void attach(Cluster cluster, SkynetRuntime runtime) {
        this.cluster = cluster;
        this.runtime = runtime;
        early.forEach(this::claim);
        early.clear();
    }

    synchronized void started(String name, Address self) {
        if (cluster == null) {
            early.putIfAbsent(name, self);
            return;
        }
        claim(name, self);
    }

    synchronized void exited(String name, Address self) {
        if (cluster == null) {
            early.remove(name, self);
            return;
        }
        try {
            if (self.equals(cluster.registered().get(name))) {
                cluster.unregister(name);
                log.info("skynet cluster: {} exited, @{} unregistered", self, name);
            }
        } catch (RuntimeException e) {
            // the cluster closes before the services exit at shutdown: nobody can call the name any more
            log.debug("skynet cluster: @{} not unregistered for {}: {}", name, self, e.toString());
        }
    }

    private void claim(String name, Address self) {
        Address holder = cluster.registered().get(name);
        if (holder != null && runtime.service(holder).isPresent()) {
            log.debug("skynet cluster: {} not registered as @{}: {} has the name", self, name, holder);
            return;
        }
        if (holder != null) {
            cluster.unregister(name);
        }
        try {
            cluster.register(name, self);
            log.info("skynet cluster: {} registered as @{}", self, name);
        } catch (RuntimeException e) {
            log.debug("skynet cluster: {} not registered as @{}: {}", self, name, e.getMessage());
        }
    }
}

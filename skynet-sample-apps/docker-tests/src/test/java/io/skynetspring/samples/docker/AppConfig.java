package io.skynetspring.samples.docker;

import io.skynetspring.boot.SkynetProperties;
import io.skynetspring.boot.cluster.SkynetClusterProperties;
import io.skynetspring.samples.cache.CacheProperties;
import io.skynetspring.samples.chat.ChatProperties;
import io.skynetspring.samples.dbproxy.DbProxyProperties;
import io.skynetspring.samples.gateway.GatewayProperties;
import io.skynetspring.samples.gateway.data.ClusterDataProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sample app reads: its {@code application.yml} (keys, {@code ${VARIABLE}} placeholders, profiles) and
 * its {@code @ConfigurationProperties} classes, so that an environment written for it in a compose file can be
 * checked against them.
 *
 * <pre>{@code AppConfig.of("gateway").unread(Map.of("GATEWAY_PORT", "8888"))   // empty: the gateway reads it}</pre>
 */
final class AppConfig {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

    private final String app;
    private final String yaml;
    private final List<PropertySource<?>> documents;
    private final Map<String, Class<?>> properties;

    private AppConfig(String app, Map<String, Class<?>> properties) {
        this.app = app;
        Path file = Repo.app(app).resolve("src/main/resources/application.yml");
        try {
            this.yaml = Files.readString(file);
            this.documents = new YamlPropertySourceLoader().load(app, new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("skynet", SkynetProperties.class);
        all.put("skynet.cluster", SkynetClusterProperties.class);
        all.put("spring.data.redis", DataRedisProperties.class);
        all.putAll(properties);
        this.properties = all;
    }

    static AppConfig of(String app) {
        return switch (app) {
            case "gateway" -> new AppConfig(app, Map.of("gateway", GatewayProperties.class,
                    "gateway.cluster-data", ClusterDataProperties.class));
            case "db-proxy" -> new AppConfig(app, Map.of("db-proxy", DbProxyProperties.class));
            case "cache" -> new AppConfig(app, Map.of("cache", CacheProperties.class));
            case "chat" -> new AppConfig(app, Map.of("chat", ChatProperties.class));
            case "basics" -> new AppConfig(app, Map.of());
            default -> throw new IllegalArgumentException("no sample app " + app);
        };
    }

    String app() {
        return app;
    }

    /** A property as the app's default profile sets it, or null. */
    Object property(String name) {
        for (PropertySource<?> doc : documents) {
            if (doc.getProperty("spring.config.activate.on-profile") == null && doc.getProperty(name) != null) {
                return doc.getProperty(name);
            }
        }
        return null;
    }

    /** The HTTP port: server.port of the app's configuration, else Boot's 8080. */
    int serverPort() {
        Object port = property("server.port");
        return port == null ? 8080 : Integer.parseInt(port.toString());
    }

    Set<String> profiles() {
        Set<String> out = new HashSet<>();
        for (PropertySource<?> doc : documents) {
            Object p = doc.getProperty("spring.config.activate.on-profile");
            if (p != null) {
                out.add(p.toString());
            }
        }
        return out;
    }

    /** The environment variables the app's application.yml names in placeholders. */
    Set<String> placeholders() {
        Set<String> out = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(yaml);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The variables of {@code env} that this app does not read: none of its configuration classes binds them,
     * its application.yml neither has the key nor names them in a placeholder, and (SPRING_PROFILES_ACTIVE)
     * no profile of that name exists. Binding also converts every value, so a value of the wrong type fails here.
     */
    Set<String> unread(Map<String, String> env) {
        Set<String> unread = new HashSet<>(env.keySet());
        unread.removeAll(bound(env));
        unread.removeAll(placeholders());
        unread.removeIf(this::isYamlKey);
        String active = env.get("SPRING_PROFILES_ACTIVE");
        if (active != null && profiles().containsAll(List.of(active.split(",")))) {
            unread.remove("SPRING_PROFILES_ACTIVE");
        }
        return unread;
    }

    private Set<String> bound(Map<String, String> env) {
        // named as the real one, so that Boot maps the variables' names as it does for the process environment
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(env));
        Binder binder = new Binder(ConfigurationPropertySources.from(source), null,
                ApplicationConversionService.getSharedInstance());
        Set<String> used = new HashSet<>();
        AbstractBindHandler recorder = new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                                    Object result) {
                ConfigurationProperty property = context.getConfigurationProperty();
                if (property != null) {
                    used.add(envForm(property.getName().toString()));
                }
                return super.onSuccess(name, target, context, result);
            }
        };
        properties.forEach((prefix, type) -> binder.bind(prefix, Bindable.of(type), recorder));
        return used;
    }

    private boolean isYamlKey(String variable) {
        for (PropertySource<?> doc : documents) {
            if (doc instanceof EnumerablePropertySource<?> e) {
                for (String key : e.getPropertyNames()) {
                    if (envForm(key).equals(variable)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Spring's relaxed form of a property in the environment: gateway.cluster-data.shards is GATEWAY_CLUSTERDATA_SHARDS. */
    static String envForm(String property) {
        return property.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "")
                .toUpperCase(Locale.ROOT);
    }
}

package io.skynetspring.samples.docker;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose file as written (anchors and merge keys resolved, {@code ${...}} left as text), read the way the
 * tests need it: services, their environment, ports, images and dependencies.
 *
 * <pre>{@code ComposeFile compose = ComposeFile.read(Repo.DOCKER.resolve("compose.yaml"));}</pre>
 */
final class ComposeFile {

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml().load(in);
            return new ComposeFile(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) root.get("services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> s = services().get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + " in the compose file");
        }
        return s;
    }

    /** The service's environment as text ({@code KEY: value} or {@code KEY=value} entries). */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object entry : l) {
                String e = String.valueOf(entry);
                int eq = e.indexOf('=');
                out.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
            }
        }
        return out;
    }

    /** The service's {@code ports} entries as written. */
    List<String> ports(String service) {
        Object ports = service(service).get("ports");
        return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
    }

    /** The container side of each published port ({@code "...:8888"} gives 8888). */
    List<Integer> containerPorts(String service) {
        return ports(service).stream().map(p -> Integer.parseInt(p.substring(p.lastIndexOf(':') + 1)
                .replace("/tcp", ""))).toList();
    }

    String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    /** depends_on as service name to condition ({@code service_started} for the short form). */
    Map<String, String> dependsOn(String service) {
        Object d = service(service).get("depends_on");
        Map<String, String> out = new LinkedHashMap<>();
        if (d instanceof List<?> l) {
            l.forEach(s -> out.put(String.valueOf(s), "service_started"));
        } else if (d instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> c
                    ? String.valueOf(c.get("condition")) : "service_started"));
        }
        return out;
    }

    /** The app an image is built from: {@code skynet-spring/gateway:...} gives gateway; null for other images. */
    String app(String service) {
        String image = image(service);
        return image.startsWith("skynet-spring/") ? image.substring("skynet-spring/".length(), image.indexOf(':'))
                : null;
    }
}

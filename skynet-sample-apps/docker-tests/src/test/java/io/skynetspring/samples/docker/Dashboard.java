package io.skynetspring.samples.docker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/grafana/dashboards/skynet.json read as Grafana reads it: its panels, their PromQL queries and the
 * metric names those select.
 *
 * <pre>{@code Set<String> names = Dashboard.read().metricNames();}</pre>
 */
final class Dashboard {

    static final Path FILE = Repo.DOCKER.resolve("grafana/dashboards/skynet.json");
    /** A metric selector in PromQL: a name followed by its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*),");

    private final JsonNode root;

    private Dashboard(JsonNode root) {
        this.root = root;
    }

    static Dashboard read() {
        try {
            return new Dashboard(JsonMapper.builder().build().readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** The panels that query (rows left out). */
    List<JsonNode> queryPanels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            if (!"row".equals(panel.path("type").asString())) {
                out.add(panel);
            }
        }
        return out;
    }

    /** Every PromQL expression of the panels. */
    List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : queryPanels()) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asString());
            }
        }
        return out;
    }

    /** The metric names the panels and the template variables select. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asString());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The names a Prometheus text exposition (/actuator/prometheus) carries. */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}

package no.nb.bibliotekkortet.systemtests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's route table (path prefix → service) read from each of its three forms: gateway/routes.tsv,
 * the generated nginx configuration, and Gateway API HTTPRoute objects. Each reader fails on anything it
 * does not understand, so a form cannot silently drift into a shape the comparison ignores.
 */
public final class RouteTable {

    private static final Pattern NGINX_LOCATION =
            Pattern.compile("^\\s*location\\s+(=|\\^~)\\s+(\\S+)\\s*\\{\\s*proxy_pass\\s+http://([a-z-]+);\\s*}\\s*$");

    private RouteTable() {
    }

    /** Reads routes.tsv: {@code prefix<TAB>service} rows, {@code #} comments; throws on duplicates or bad rows. */
    public static Map<String, String> fromTsv(Path file) {
        Map<String, String> routes = new TreeMap<>();
        for (String line : lines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IllegalArgumentException(file + ": bad row '" + line + "'");
            }
            if (routes.put(cols[0], cols[1]) != null) {
                throw new IllegalArgumentException(file + ": duplicate prefix " + cols[0]);
            }
        }
        return routes;
    }

    /**
     * Reads the proxied locations of a generated nginx configuration. Each prefix P must appear exactly as
     * {@code location = P} and {@code location ^~ P/}, both to the same upstream; throws otherwise.
     */
    public static Map<String, String> fromNginx(Path file) {
        Map<String, String> exact = new TreeMap<>();
        Map<String, String> subtree = new TreeMap<>();
        for (String line : lines(file)) {
            if (!line.contains("proxy_pass")) {
                continue;
            }
            Matcher m = NGINX_LOCATION.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ": unexpected proxy line '" + line.strip() + "'");
            }
            if (m.group(1).equals("=")) {
                put(exact, m.group(2), m.group(3), file);
            } else {
                if (!m.group(2).endsWith("/")) {
                    throw new IllegalArgumentException(file + ": ^~ location without trailing /: " + m.group(2));
                }
                String prefix = m.group(2).equals("/") ? "/" : m.group(2).substring(0, m.group(2).length() - 1);
                put(subtree, prefix, m.group(3), file);
            }
        }
        if (!exact.equals(subtree)) {
            throw new IllegalArgumentException(file + ": exact and prefix locations differ: " + exact + " vs " + subtree);
        }
        return exact;
    }

    /** All HTTPRoute objects of a YAML stream (file or {@code kubectl kustomize} output) as prefix → backend. */
    public static Map<String, String> fromHttpRoutes(List<JsonNode> objects) {
        Map<String, String> routes = new TreeMap<>();
        for (JsonNode o : objects) {
            if (!"HTTPRoute".equals(o.path("kind").asText())) {
                continue;
            }
            String name = o.path("metadata").path("name").asText();
            for (JsonNode rule : o.path("spec").path("rules")) {
                JsonNode backends = rule.path("backendRefs");
                if (backends.size() != 1 || backends.get(0).path("port").asInt() != 80) {
                    throw new IllegalArgumentException("HTTPRoute " + name + ": each rule needs one backendRef on port 80");
                }
                String backend = backends.get(0).path("name").asText();
                for (JsonNode match : rule.path("matches")) {
                    JsonNode path = match.path("path");
                    if (!"PathPrefix".equals(path.path("type").asText())) {
                        throw new IllegalArgumentException("HTTPRoute " + name + ": only PathPrefix matches, got " + match);
                    }
                    if (routes.put(path.path("value").asText(), backend) != null) {
                        throw new IllegalArgumentException("HTTPRoute " + name + ": prefix routed twice: " + path);
                    }
                }
            }
        }
        return routes;
    }

    /** Parses a multi-document YAML stream; empty documents are skipped. */
    public static List<JsonNode> parseYamlStream(String yaml) {
        ObjectMapper mapper = new YAMLMapper();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var it = mapper.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static void put(Map<String, String> map, String prefix, String service, Path file) {
        if (map.put(prefix, service) != null) {
            throw new IllegalArgumentException(file + ": location listed twice: " + prefix);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

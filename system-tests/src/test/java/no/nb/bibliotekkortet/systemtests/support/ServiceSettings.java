package no.nb.bibliotekkortet.systemtests.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service reads in the {@code prod} profile, resolved the way MicroProfile Config does against the
 * environment of its Kubernetes container: the service's {@code application.properties} (ordinal 250) over common's
 * {@code META-INF/microprofile-config.properties} (100), {@code %prod.} keys before plain ones, an environment
 * variable (exact name, or the property name with every non-alphanumeric character as {@code _}, upper case) over
 * both, and {@code ${name}} / {@code ${name:default}} expressions expanded recursively. Build-time manifest
 * settings ({@code quarkus.kubernetes.*}, {@code quarkus.container-image.*}) are not read at run time and are skipped.
 */
public final class ServiceSettings {

    /** A setting that cannot be used in a deployment: unresolvable, or pointing at the developer's machine. */
    public record Problem(String property, String reason) {
    }

    private static final List<String> LOCAL_ONLY = List.of("localhost", "127.0.0.1", "[::1]", ".invalid");

    private final Properties service;
    private final Properties common;
    private final Map<String, String> env;

    private ServiceSettings(Properties service, Properties common, Map<String, String> env) {
        this.service = service;
        this.common = common;
        this.env = env;
    }

    /**
     * The settings of {@code serviceModule} (a directory under {@code root}) with the container environment
     * {@code env} (name → value; a value taken from a Secret may be any placeholder).
     */
    public static ServiceSettings of(Path root, String serviceModule, Map<String, String> env) {
        return new ServiceSettings(load(root.resolve(serviceModule + "/src/main/resources/application.properties")),
                load(root.resolve("common/src/main/resources/META-INF/microprofile-config.properties")), env);
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Every run-time setting that does not resolve to a usable value in {@code prod}: a {@code ${VAR}} without
     * default that the environment does not set, or a value (usually a default) naming localhost, 127.0.0.1 or an
     * {@code .invalid} host.
     */
    public List<Problem> problems() {
        Set<String> names = new TreeSet<>();
        for (Properties p : List.of(service, common)) {
            for (String key : p.stringPropertyNames()) {
                String name = key.startsWith("%prod.") ? key.substring(6) : key;
                if (!name.startsWith("%") && !name.startsWith("quarkus.kubernetes.")
                        && !name.startsWith("quarkus.container-image.")) {
                    names.add(name);
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (String name : names) {
            try {
                String value = lookup(name, new HashSet<>()).orElseThrow();
                LOCAL_ONLY.stream().filter(value::contains).findFirst().ifPresent(bad -> problems.add(
                        new Problem(name, "resolves to '" + value + "' (" + bad + ")")));
            } catch (Unresolved e) {
                problems.add(new Problem(name, e.getMessage()));
            }
        }
        return problems;
    }

    /** The resolved value of {@code name}; empty when nothing defines it. */
    public Optional<String> value(String name) {
        return lookup(name, new HashSet<>());
    }

    private Optional<String> lookup(String name, Set<String> seen) {
        if (!seen.add(name)) {
            throw new Unresolved("${" + name + "} refers to itself");
        }
        try {
            String fromEnv = env.containsKey(name) ? env.get(name) : env.get(envName(name));
            if (fromEnv != null) {
                return Optional.of(fromEnv);
            }
            for (String key : List.of("%prod." + name, name)) {
                for (Properties p : List.of(service, common)) {
                    String raw = p.getProperty(key);
                    if (raw != null) {
                        return Optional.of(expand(raw, seen));
                    }
                }
            }
            return Optional.empty();
        } finally {
            seen.remove(name);
        }
    }

    private String expand(String raw, Set<String> seen) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int end = matchingBrace(raw, start + 2);
            String expression = raw.substring(start + 2, end);
            int colon = topLevelColon(expression);
            String name = colon < 0 ? expression : expression.substring(0, colon);
            Optional<String> value = lookup(name, seen);
            if (value.isPresent()) {
                out.append(value.get());
            } else if (colon >= 0) {
                out.append(expand(expression.substring(colon + 1), seen));
            } else {
                throw new Unresolved("needs ${" + name + "} (environment variable " + envName(name)
                        + "), which has no default and is not set in the Deployment");
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            if (s.startsWith("${", i)) {
                depth++;
                i++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new Unresolved("unbalanced expression " + s);
    }

    private static int topLevelColon(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expression.charAt(i) == '}') {
                depth--;
            } else if (expression.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** MicroProfile Config's environment variable name for a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }
}

package no.nb.bibliotekkortet.common.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Keeps the {@code uri} label of the HTTP server metrics bounded and anonymous (R24; ARCHITECTURE.md privacy
 * rules: no card number, patron id or identity number in metric labels). Quarkus labels a request with its route
 * template ({@code /api/v1/patrons/{cardNumber}}) once it is routed, but with the path as requested when it is refused
 * before routing (a missing or forged token), which lets anyone without a token create a new series per path and put
 * personal identifiers into the monitoring system.
 *
 * <p>This filter lets through only the templates of this service's own JAX-RS operations, Quarkus' own buckets
 * ({@code NOT_FOUND}, {@code REDIRECTION}, {@code root}) and its management paths under {@code /q/}; any other value
 * becomes {@code UNMATCHED} for a 404 and {@code REFUSED} for anything else.
 */
@Singleton
public class BoundedUriTags {

    /** The label for a path that matches no operation (404). */
    public static final String UNMATCHED = "UNMATCHED";
    /** The label for a request refused before it was routed (401, 400, 405 …). */
    public static final String REFUSED = "REFUSED";

    private static final Set<String> QUARKUS_BUCKETS = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN", "/");
    private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*:(?:[^{}]|\\{[^{}]*})*}");

    private final AtomicReference<Set<String>> templates = new AtomicReference<>();
    private final BeanManager beans;

    public BoundedUriTags(BeanManager beans) {
        this.beans = beans;
    }

    @Produces
    @Singleton
    MeterFilter boundedUri() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || allowed(uri)) {
                    return id;
                }
                String bucket = "404".equals(id.getTag("status")) ? UNMATCHED : REFUSED;
                List<Tag> tags = new ArrayList<>();
                for (Tag tag : id.getTagsAsIterable()) {
                    tags.add("uri".equals(tag.getKey()) ? Tag.of("uri", bucket) : tag);
                }
                return id.replaceTags(tags);
            }
        };
    }

    /** True when {@code uri} is an operation template of this service, a Quarkus bucket or a management path. */
    boolean allowed(String uri) {
        return QUARKUS_BUCKETS.contains(uri) || uri.startsWith("/q/") || templates().contains(normalise(uri));
    }

    private Set<String> templates() {
        Set<String> known = templates.get();
        if (known == null) {
            known = scan();
            templates.set(known);
        }
        return known;
    }

    /** Every {@code @Path} template of the application's resource beans (class path + method path). */
    private Set<String> scan() {
        Set<String> result = new HashSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !type.getName().startsWith("no.nb.bibliotekkortet")) {
                continue;
            }
            result.add(normalise(root.value()));
            for (Method method : type.getMethods()) {
                Path sub = method.getAnnotation(Path.class);
                if (sub != null) {
                    result.add(normalise(root.value() + "/" + sub.value()));
                }
            }
        }
        return Set.copyOf(result);
    }

    /** {@code /a//b/{id: [0-9]+}/} → {@code /a/b/{id}}. */
    static String normalise(String path) {
        String p = REGEX_PARAMETER.matcher(path).replaceAll("{$1}").replaceAll("/+", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
